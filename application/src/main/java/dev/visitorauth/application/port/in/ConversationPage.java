package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of conversations, newest activity first.
 *
 * @param nextCursor the opaque cursor of the next page; empty on the last page
 */
public record ConversationPage(List<Conversation> conversations, Optional<String> nextCursor) {
    public ConversationPage {
        conversations = List.copyOf(conversations);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
