package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's reply to a conversation of the workspace; the widget then shows it, with the agent's
 * name when one is given. {@code not_found} for no such conversation; {@code invalid_request} on
 * {@code text} (blank or over 10,000 code points) or {@code agentName} (see
 * {@link dev.visitorauth.domain.conversation.AgentName}).
 */
public interface PostAgentReplyUseCase {

    Result<Message> postAgentReply(PostAgentReplyCommand command);

    /** @param agentName the name to show beside the reply, before trimming; empty for none */
    record PostAgentReplyCommand(WorkspaceId workspaceId, ConversationId conversationId, String text, Optional<String> agentName) {
        public PostAgentReplyCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(agentName, "agentName");
        }
    }
}
