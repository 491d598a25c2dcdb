package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Stores conversations and messages. */
public interface SaveConversationPort {

    /** Inserts or replaces a conversation (owner, last message time, count). */
    void saveConversation(Conversation conversation);

    /**
     * Appends a message to a stored conversation and, in the same step, raises the conversation's
     * message count by one and its last message time to the message's if later, atomically (so
     * concurrent posts never lose a count).
     */
    void appendMessage(WorkspaceId workspaceId, Message message);

    /**
     * Moves every conversation of {@code from} to {@code to} (an upgrade).
     *
     * @return how many moved
     */
    int transferConversations(WorkspaceId workspaceId, ConversationOwner from, ConversationOwner to);
}
