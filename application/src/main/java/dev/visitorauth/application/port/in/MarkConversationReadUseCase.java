package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/**
 * Marks a conversation of the session read up to a message (spec sections 10 and 14). The marker
 * belongs to the conversation, which has one owner, so it is the same on every device of that
 * owner; it only moves forward (an older message leaves it where it is). When it moves,
 * {@code conversation.read} is appended for the owner's sessions.
 *
 * <p>Refusals: {@code unauthenticated} for no live session; {@code not_found} for no such
 * conversation in the workspace or a message that is not in it; {@code forbidden} for another
 * visitor's or user's conversation.
 *
 * @return the conversation with its read marker as it now stands
 */
public interface MarkConversationReadUseCase {

    Result<Conversation> markRead(MarkReadCommand command);

    record MarkReadCommand(String sessionToken, ConversationId conversationId, MessageId messageId) {
        public MarkReadCommand {
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(messageId, "messageId");
        }
    }
}
