package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.identity.User;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation as an agent sees it: its owner (the user, or else the anonymous visitor named in
 * the conversation's owner) and one page of its messages, oldest first, with their
 * {@code authenticated} flags; {@code hasMore} as in {@link MessagePage}.
 */
public record ConversationDetails(Conversation conversation, Optional<User> user, List<Message> messages, boolean hasMore) {
    public ConversationDetails {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(user, "user");
        messages = List.copyOf(messages);
    }
}
