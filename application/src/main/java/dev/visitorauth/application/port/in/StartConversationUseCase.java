package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/**
 * Starts a conversation with its first message, owned by the session's user when authenticated,
 * else by the anonymous visitor. {@code invalid_request} for blank or over-long text.
 */
public interface StartConversationUseCase {

    Result<ConversationThread> startConversation(StartConversationCommand command);

    record StartConversationCommand(String sessionToken, String text) {
        public StartConversationCommand {
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(text, "text");
        }
    }
}
