package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** An agent's reply to a conversation of the workspace; the widget then shows it. */
public interface PostAgentReplyUseCase {

    Result<Message> postAgentReply(WorkspaceId workspaceId, String conversationId, String text);
}
