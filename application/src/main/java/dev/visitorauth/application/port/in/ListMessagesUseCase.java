package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/**
 * A page of a conversation's messages, oldest first (see {@link MessageWindow}). {@code forbidden}
 * when the conversation belongs to another visitor or user of the workspace; {@code not_found}
 * when there is none in it, or when {@code before}/{@code after} names no message of it;
 * {@code invalid_request} naming {@code limit}, {@code before} or {@code after} for a bad window.
 */
public interface ListMessagesUseCase {

    Result<MessagePage> listMessages(ListMessagesQuery query);

    record ListMessagesQuery(String sessionToken, ConversationId conversationId, MessageWindow window) {
        public ListMessagesQuery {
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(window, "window");
        }
    }
}
