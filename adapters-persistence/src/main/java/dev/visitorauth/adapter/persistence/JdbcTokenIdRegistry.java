package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.ConsumeTokenIdPort;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Used {@code jti} values, unique per (workspace, widget, SHA-256 of the jti) in the database, so
 * exactly one of any number of concurrent consumers, on any node, wins.
 *
 * <p>A used id is remembered until its token's expiry plus {@link #EXPIRY_MARGIN} (the largest
 * clock skew a widget may allow: a token is still accepted that long after its {@code exp}). After
 * that the id may be used again, and its row is deleted opportunistically: every
 * {@value #PRUNE_EVERY}-th consume of this instance deletes the widget's expired rows, after the
 * caller's transaction ended, so the delete never holds locks inside a start-up.
 */
public final class JdbcTokenIdRegistry implements ConsumeTokenIdPort {
    /** How long after its token's expiry a used id is still remembered. */
    public static final Duration EXPIRY_MARGIN = AuthenticationPolicy.MAX_CLOCK_SKEW;
    static final int PRUNE_EVERY = 64;

    private final JdbcTransactions tx;
    private final Clock clock;
    private final AtomicLong consumed = new AtomicLong();

    public JdbcTokenIdRegistry(JdbcTransactions tx, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean consume(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant expiresAt) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        String ws = workspaceId.value();
        String widget = widgetId.value();
        String hash = Jdbc.sha256Hex(tokenId);
        long expires = micros(expiresAt);
        long forgetBefore = micros(clock.instant().minus(EXPIRY_MARGIN));
        boolean fresh = tx.write(c -> {
            if (Jdbc.update(c, "INSERT INTO consumed_token_ids (workspace_id, widget_id, jti_hash, expires_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", ws, widget, hash, expires) == 1) {
                return true;
            }
            // Already there: a replay, unless the stored use is past its token's expiry (and margin).
            // The conditional update re-checks its condition after any concurrent winner committed.
            return Jdbc.update(c, "UPDATE consumed_token_ids SET expires_at = ?"
                    + " WHERE workspace_id = ? AND widget_id = ? AND jti_hash = ? AND expires_at < ?",
                    expires, ws, widget, hash, forgetBefore) == 1;
        });
        if (consumed.incrementAndGet() % PRUNE_EVERY == 0) {
            tx.afterCompletion(() -> tx.autonomous(c -> Jdbc.update(c,
                    "DELETE FROM consumed_token_ids WHERE workspace_id = ? AND widget_id = ? AND expires_at < ?",
                    ws, widget, micros(clock.instant().minus(EXPIRY_MARGIN)))));
        }
        return fresh;
    }

    @Override
    public boolean isConsumed(WorkspaceId workspaceId, WidgetId widgetId, String tokenId, Instant now) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(now, "now");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT expires_at FROM consumed_token_ids"
                        + " WHERE workspace_id = ? AND widget_id = ? AND jti_hash = ? AND expires_at >= ?",
                rs -> rs.getLong(1), workspaceId.value(), widgetId.value(), Jdbc.sha256Hex(tokenId),
                micros(now.minus(EXPIRY_MARGIN))).isPresent());
    }
}
