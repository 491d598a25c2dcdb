package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.Result;
import java.util.List;
import java.util.Objects;

/**
 * A conversation's messages, oldest first. {@code forbidden} when the conversation belongs to
 * another visitor or user of the workspace; {@code not_found} when there is none in it.
 */
public interface ListMessagesUseCase {

    Result<List<Message>> listMessages(ListMessagesQuery query);

    record ListMessagesQuery(String sessionToken, String conversationId) {
        public ListMessagesQuery {
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(conversationId, "conversationId");
        }
    }
}
