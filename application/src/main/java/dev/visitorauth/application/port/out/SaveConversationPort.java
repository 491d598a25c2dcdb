package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ReadMarker;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Stores conversations and messages. */
public interface SaveConversationPort {

    /** Inserts or replaces a conversation (owner, last message time, counts; not its read marker). */
    void saveConversation(Conversation conversation);

    /**
     * Appends a message to a stored conversation and, in the same step, raises the conversation's
     * message count (and its agent message count, for an agent's) by one and its last message time
     * to the message's if later, atomically (so concurrent posts never lose a count).
     */
    void appendMessage(WorkspaceId workspaceId, Message message);

    /**
     * Sets a stored conversation's read marker to {@code marker} unless it already stands at or
     * after it (the marker only moves forward, even under concurrent calls).
     */
    void saveReadMarker(WorkspaceId workspaceId, ConversationId conversationId, ReadMarker marker);

    /**
     * Moves every conversation of {@code from} to {@code to} (an upgrade).
     *
     * @return how many moved
     */
    int transferConversations(WorkspaceId workspaceId, ConversationOwner from, ConversationOwner to);
}
