package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/** A conversation of a workspace, owned by an anonymous visitor or by a user. */
public record Conversation(WorkspaceId workspaceId, ConversationId id, ConversationOwner owner, Instant createdAt,
                           Instant lastMessageAt, int messageCount) {
    public Conversation {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        if (messageCount < 0) {
            throw new IllegalArgumentException("messageCount");
        }
    }

    public static Conversation start(WorkspaceId workspaceId, ConversationId id, ConversationOwner owner, Instant now) {
        return new Conversation(workspaceId, id, owner, now, now, 0);
    }

    /** This conversation after {@code message} was added. */
    public Conversation with(Message message) {
        if (!message.conversationId().equals(id)) {
            throw new IllegalArgumentException("message of another conversation");
        }
        Instant last = message.createdAt().isAfter(lastMessageAt) ? message.createdAt() : lastMessageAt;
        return new Conversation(workspaceId, id, owner, createdAt, last, messageCount + 1);
    }

    public Conversation ownedBy(ConversationOwner newOwner) {
        return new Conversation(workspaceId, id, newOwner, createdAt, lastMessageAt, messageCount);
    }
}
