package dev.visitorauth.domain.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message. {@code authenticated} says whether its author's identity was verified when it was
 * written: for a visitor, whether its session was authenticated by a visitor token; agents
 * always write through an authenticated API key. {@code agentName} is the name an agent signed
 * its reply with, if any; a visitor's message never has one.
 */
public record Message(MessageId id, ConversationId conversationId, Author author, MessageText text,
                      boolean authenticated, Instant createdAt, Optional<AgentName> agentName) {
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(agentName, "agentName");
        if (agentName.isPresent() && author != Author.AGENT) {
            throw new IllegalArgumentException("only an agent's message carries an agent name");
        }
    }

    /** A message without an agent name. */
    public Message(MessageId id, ConversationId conversationId, Author author, MessageText text, boolean authenticated,
                   Instant createdAt) {
        this(id, conversationId, author, text, authenticated, createdAt, Optional.empty());
    }
}
