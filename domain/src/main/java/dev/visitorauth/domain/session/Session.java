package dev.visitorauth.domain.session;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A widget session: bound to one visitor and, when authenticated, to its user. It expires and can
 * be revoked; its bearer token is known only by hash.
 */
public record Session(SessionTokenHash tokenHash, WorkspaceId workspaceId, WidgetId widgetId, VisitorId visitorId,
                      Optional<UserId> userId, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt) {
    public Session {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a session expires after it is created");
        }
    }

    public boolean isAuthenticated() {
        return userId.isPresent();
    }

    /** True when the session can be used at {@code now}: not expired and not revoked. */
    public boolean isActiveAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    public Session revoke(Instant now) {
        return revokedAt.isPresent() ? this : new Session(tokenHash, workspaceId, widgetId, visitorId, userId, createdAt,
                expiresAt, Optional.of(now));
    }
}
