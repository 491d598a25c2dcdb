package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import java.util.List;
import java.util.Objects;

/** A user with its visitors (devices) and its conversations, newest first. */
public record UserDetails(User user, List<Visitor> visitors, List<Conversation> conversations) {
    public UserDetails {
        Objects.requireNonNull(user, "user");
        visitors = List.copyOf(visitors);
        conversations = List.copyOf(conversations);
    }
}
