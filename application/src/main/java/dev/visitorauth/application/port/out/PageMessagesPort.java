package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/**
 * Reads a conversation's messages a page at a time. Messages are ordered by creation time, then
 * by the order they were stored in (so messages with equal times keep a stable order); every page
 * is returned oldest first. Keyset reads: the cost of a page does not grow with the conversation.
 */
public interface PageMessagesPort {

    /** The newest {@code limit} (1 to 1000) messages; {@code hasMore} when older ones exist. */
    MessageSlice latestMessages(WorkspaceId workspaceId, ConversationId conversationId, int limit);

    /**
     * The last {@code limit} messages before {@code anchor}; {@code hasMore} when still older ones
     * exist. Empty when {@code anchor} is not a message of this conversation.
     */
    Optional<MessageSlice> messagesBefore(WorkspaceId workspaceId, ConversationId conversationId, MessageId anchor, int limit);

    /**
     * The first {@code limit} messages after {@code anchor}; {@code hasMore} when still newer ones
     * exist. Empty when {@code anchor} is not a message of this conversation.
     */
    Optional<MessageSlice> messagesAfter(WorkspaceId workspaceId, ConversationId conversationId, MessageId anchor, int limit);

    /** The first {@code limit} messages of the conversation (for reading it whole, page after page). */
    MessageSlice firstMessages(WorkspaceId workspaceId, ConversationId conversationId, int limit);

    /**
     * @param messages oldest first
     * @param hasMore  whether more messages exist beyond this page in the direction read
     */
    record MessageSlice(List<Message> messages, boolean hasMore) {
        public MessageSlice {
            messages = List.copyOf(messages);
        }
    }
}
