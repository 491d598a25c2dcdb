package dev.visitorauth.domain.visitor;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One browser or device of a widget. Anonymous, or linked to exactly one user; a linked visitor
 * never becomes anonymous again and never moves to another user.
 */
public final class Visitor {
    private final WorkspaceId workspaceId;
    private final WidgetId widgetId;
    private final VisitorId id;
    private final Optional<UserId> user;
    private final Instant createdAt;
    private final Instant lastSeenAt;

    private Visitor(WorkspaceId workspaceId, WidgetId widgetId, VisitorId id, Optional<UserId> user,
                    Instant createdAt, Instant lastSeenAt) {
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.widgetId = Objects.requireNonNull(widgetId, "widgetId");
        this.id = Objects.requireNonNull(id, "id");
        this.user = Objects.requireNonNull(user, "user");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.lastSeenAt = Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    public static Visitor anonymous(WorkspaceId workspaceId, WidgetId widgetId, VisitorId id, Instant now) {
        return new Visitor(workspaceId, widgetId, id, Optional.empty(), now, now);
    }

    public static Visitor linked(WorkspaceId workspaceId, WidgetId widgetId, VisitorId id, UserId user, Instant now) {
        return new Visitor(workspaceId, widgetId, id, Optional.of(user), now, now);
    }

    public static Visitor restore(WorkspaceId workspaceId, WidgetId widgetId, VisitorId id, Optional<UserId> user,
                                  Instant createdAt, Instant lastSeenAt) {
        return new Visitor(workspaceId, widgetId, id, user, createdAt, lastSeenAt);
    }

    /**
     * Links this visitor to {@code userId}. Linking to the user it is already linked to is a no-op;
     * linking a linked visitor to another user breaks the model's invariant and throws.
     */
    public Visitor linkTo(UserId userId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        if (user.isPresent() && !user.get().equals(userId)) {
            throw new IllegalStateException("a linked visitor never moves to another user");
        }
        return new Visitor(workspaceId, widgetId, id, Optional.of(userId), createdAt, now);
    }

    public Visitor seenAt(Instant now) {
        return new Visitor(workspaceId, widgetId, id, user, createdAt, now);
    }

    public boolean isAnonymous() {
        return user.isEmpty();
    }

    public boolean isLinkedTo(UserId userId) {
        return user.isPresent() && user.get().equals(userId);
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public WidgetId widgetId() {
        return widgetId;
    }

    public VisitorId id() {
        return id;
    }

    /** The user this visitor is linked to; empty while anonymous. */
    public Optional<UserId> user() {
        return user;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Visitor v && v.workspaceId.equals(workspaceId) && v.widgetId.equals(widgetId) && v.id.equals(id)
                && v.user.equals(user) && v.createdAt.equals(createdAt) && v.lastSeenAt.equals(lastSeenAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workspaceId, id);
    }

    @Override
    public String toString() {
        return "Visitor[" + id + (user.map(u -> " linked to " + u).orElse(" anonymous")) + "]";
    }
}
