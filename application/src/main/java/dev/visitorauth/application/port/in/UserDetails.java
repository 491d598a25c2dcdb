package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import java.util.List;
import java.util.Objects;

/**
 * A user with at most its 20 most recently seen visitors (devices) and its 20 conversations with
 * the newest activity, newest first, and how many of each it has in all (the full lists are
 * {@link ListUserVisitorsUseCase} and {@link ListUserConversationsUseCase}).
 */
public record UserDetails(User user, List<Visitor> visitors, List<Conversation> conversations, long visitorCount,
                          long conversationCount) {
    public UserDetails {
        Objects.requireNonNull(user, "user");
        visitors = List.copyOf(visitors);
        conversations = List.copyOf(conversations);
    }
}
