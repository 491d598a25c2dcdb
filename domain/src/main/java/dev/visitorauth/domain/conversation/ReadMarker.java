package dev.visitorauth.domain.conversation;

import java.util.Objects;

/**
 * How far a conversation's owner has read it: up to and including {@code messageId}, at
 * {@code position}. {@code agentMessagesRead} is how many agent messages stand at or before that
 * position, so the unread count is the conversation's agent messages minus these, without reading
 * the messages again.
 */
public record ReadMarker(MessageId messageId, MessagePosition position, int agentMessagesRead) {
    public ReadMarker {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(position, "position");
        if (agentMessagesRead < 0) {
            throw new IllegalArgumentException("agentMessagesRead");
        }
    }
}
