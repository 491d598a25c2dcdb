package dev.visitorauth.domain.conversation;

import java.time.Instant;
import java.util.Objects;

/**
 * One message. {@code authenticated} says whether its author's identity was verified when it was
 * written: for a visitor, whether its session was authenticated by a visitor token; agents
 * always write through an authenticated API key.
 */
public record Message(MessageId id, ConversationId conversationId, Author author, MessageText text,
                      boolean authenticated, Instant createdAt) {
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
