package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.ConsumeTokenIdPort;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;

/**
 * Single use of {@code jti}, like the JDBC registry: a used id is remembered until its token's expiry
 * plus {@link #EXPIRY_MARGIN} (the largest clock skew a widget may allow), by the store's clock; after
 * that it is forgotten, so a new token may use it again, and the lifecycle job deletes it.
 */
public final class InMemoryTokenIds implements ConsumeTokenIdPort {
    /** How long after its token's expiry a used id is still remembered. */
    public static final Duration EXPIRY_MARGIN = AuthenticationPolicy.MAX_CLOCK_SKEW;

    private final MemoryDatabase db;

    InMemoryTokenIds(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public boolean consume(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant expiresAt) {
        Instant forgetBefore = db.clock.instant().minus(EXPIRY_MARGIN);
        return db.tx.locked(() -> {
            Key key = key(workspaceId, widgetId, tokenId);
            Instant used = db.tokenIds.get(key);
            if (used != null && !used.isBefore(forgetBefore)) {
                return false;
            }
            db.put(db.tokenIds, key, expiresAt);
            return true;
        });
    }

    @Override
    public boolean isConsumed(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant now) {
        Instant forgetBefore = now.minus(EXPIRY_MARGIN);
        return db.tx.locked(() -> {
            Instant used = db.tokenIds.get(key(workspaceId, widgetId, tokenId));
            return used != null && !used.isBefore(forgetBefore);
        });
    }

    private static Key key(WorkspaceId workspaceId, WidgetId widgetId, String tokenId) {
        return new Key(workspaceId, widgetId.value() + "\n" + tokenId);
    }
}
