package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * A conversation of the workspace with its owner and one page of its messages (see
 * {@link MessageWindow}), for agents. {@code not_found} when there is no such conversation or no
 * such {@code before}/{@code after} message in it; {@code invalid_request} for a bad window.
 */
public interface GetConversationUseCase {

    Result<ConversationDetails> getConversation(GetConversationQuery query);

    record GetConversationQuery(WorkspaceId workspaceId, ConversationId conversationId, MessageWindow window) {
        public GetConversationQuery {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(window, "window");
        }
    }
}
