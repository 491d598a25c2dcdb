package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;

/**
 * Single use of {@code jti}: a token id is accepted once per widget until the token's expiry,
 * across every node sharing the store.
 */
public interface ConsumeTokenIdPort {

    /**
     * Records {@code tokenId} as used, in the current transaction.
     *
     * @return true if it was not used before (the caller may accept the token); false on a replay
     */
    boolean consume(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant expiresAt);

    /** True if {@code tokenId} was already used (read-only: for verification without side effects). */
    boolean isConsumed(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant now);
}
