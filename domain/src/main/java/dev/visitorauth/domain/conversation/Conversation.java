package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation of a workspace, owned by an anonymous visitor or by a user. Besides its counts it
 * carries what a conversation list shows: the {@link MessagePreview} of its last message, and how
 * far its owner has read it ({@link ReadMarker}), from which {@link #unreadCount()} follows. A
 * conversation has one owner, so its read state is the same on every device of that owner.
 *
 * @param agentMessageCount how many of its messages agents wrote
 * @param preview           the preview of the last message (by time, then insertion); empty before the first
 */
public record Conversation(WorkspaceId workspaceId, ConversationId id, ConversationOwner owner, Instant createdAt,
                           Instant lastMessageAt, int messageCount, int agentMessageCount, Optional<ReadMarker> readMarker,
                           Optional<String> preview) {
    public Conversation {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
        Objects.requireNonNull(readMarker, "readMarker");
        Objects.requireNonNull(preview, "preview");
        if (messageCount < 0) {
            throw new IllegalArgumentException("messageCount");
        }
        if (agentMessageCount < 0 || agentMessageCount > messageCount) {
            throw new IllegalArgumentException("agentMessageCount");
        }
    }

    /** A conversation with no agent message, never read, without a preview. */
    public Conversation(WorkspaceId workspaceId, ConversationId id, ConversationOwner owner, Instant createdAt,
                        Instant lastMessageAt, int messageCount) {
        this(workspaceId, id, owner, createdAt, lastMessageAt, messageCount, 0, Optional.empty(), Optional.empty());
    }

    public static Conversation start(WorkspaceId workspaceId, ConversationId id, ConversationOwner owner, Instant now) {
        return new Conversation(workspaceId, id, owner, now, now, 0);
    }

    /**
     * This conversation after {@code message} was added (after every message stored before it):
     * counted, and its preview shown unless an earlier-stored message is dated later.
     */
    public Conversation with(Message message) {
        if (!message.conversationId().equals(id)) {
            throw new IllegalArgumentException("message of another conversation");
        }
        boolean latest = messageCount == 0 || !message.createdAt().isBefore(lastMessageAt);
        Instant last = message.createdAt().isAfter(lastMessageAt) ? message.createdAt() : lastMessageAt;
        return new Conversation(workspaceId, id, owner, createdAt, last, messageCount + 1,
                agentMessageCount + (message.author() == Author.AGENT ? 1 : 0), readMarker,
                latest ? Optional.of(MessagePreview.of(message.text().value())) : preview);
    }

    public Conversation ownedBy(ConversationOwner newOwner) {
        return new Conversation(workspaceId, id, newOwner, createdAt, lastMessageAt, messageCount, agentMessageCount,
                readMarker, preview);
    }

    /**
     * This conversation read up to {@code marker}, or empty when it was already read that far: a
     * read marker only moves forward, so marking an older message read changes nothing.
     */
    public Optional<Conversation> readUpTo(ReadMarker marker) {
        Objects.requireNonNull(marker, "marker");
        if (readMarker.isPresent() && !marker.position().isAfter(readMarker.get().position())) {
            return Optional.empty();
        }
        return Optional.of(new Conversation(workspaceId, id, owner, createdAt, lastMessageAt, messageCount,
                agentMessageCount, Optional.of(marker), preview));
    }

    /** The agent messages after the owner's read marker (all of them before it first reads); its own never count. */
    public int unreadCount() {
        return Math.max(0, agentMessageCount - readMarker.map(ReadMarker::agentMessagesRead).orElse(0));
    }
}
