package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Message;
import java.util.List;

/**
 * A page of a conversation's messages, oldest first.
 *
 * @param hasMore whether more messages exist in the direction read (older for the newest page and
 *                for {@code before}; newer for {@code after})
 */
public record MessagePage(List<Message> messages, boolean hasMore) {
    public MessagePage {
        messages = List.copyOf(messages);
    }
}
