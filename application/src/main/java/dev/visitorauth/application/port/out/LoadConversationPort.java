package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.ReadMarker;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Reads conversations and their messages. */
public interface LoadConversationPort {

    Optional<Conversation> findConversation(WorkspaceId workspaceId, ConversationId id);

    /** An owner's conversations, newest first (by last message, then creation). */
    List<Conversation> conversationsOf(WorkspaceId workspaceId, ConversationOwner owner);

    /**
     * Locks the conversation until the current transaction ends (so no message is added to it
     * meanwhile), and returns the read marker {@code messageId} would set: its position and how
     * many agent messages stand at or before it. Empty when the conversation holds no such message.
     */
    Optional<ReadMarker> lockReadMarkerAt(WorkspaceId workspaceId, ConversationId conversationId, MessageId messageId);

    /** A conversation's messages, oldest first. */
    List<Message> messagesOf(WorkspaceId workspaceId, ConversationId id);
}
