package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/**
 * Posts a visitor's message to one of the session's conversations, marked authenticated when the
 * session is. Access as for {@link ListMessagesUseCase}.
 */
public interface PostMessageUseCase {

    Result<Message> postMessage(PostMessageCommand command);

    record PostMessageCommand(String sessionToken, ConversationId conversationId, String text) {
        public PostMessageCommand {
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(text, "text");
        }
    }
}
