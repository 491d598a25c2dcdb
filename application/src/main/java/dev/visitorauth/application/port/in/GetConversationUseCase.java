package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** A conversation of the workspace with owner and messages, for agents. {@code not_found} otherwise. */
public interface GetConversationUseCase {

    Result<ConversationDetails> getConversation(WorkspaceId workspaceId, String conversationId);
}
