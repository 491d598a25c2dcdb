package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.CountStartupsPort;
import dev.visitorauth.application.port.out.FailureSpikePort;
import dev.visitorauth.application.port.out.LoadCoveragePort;
import dev.visitorauth.domain.coverage.StartupCount;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The coverage counters ({@code startup_counters}) and the spike alert's slot
 * ({@code failure_spike_alerts}).
 *
 * <p>Counting adds one to the counter's row, creating it at 1: an {@code UPDATE} (one round trip
 * once the hour's row exists), else an {@code INSERT ... ON CONFLICT DO NOTHING}, else the update
 * again (a concurrent insert won). Not {@code INSERT ... ON CONFLICT DO UPDATE}: on PostgreSQL that
 * locks the existing row as a separate step before updating it, on every start-up. Inside the
 * caller's transaction the row stays locked until it ends, so start-ups of one widget, hour,
 * origin and outcome commit one after the other: the price of exact counts written with the
 * change (measured in docs/performance.md).
 */
public final class JdbcCoverageCounters implements CountStartupsPort, LoadCoveragePort, FailureSpikePort {
    private final JdbcTransactions tx;

    JdbcCoverageCounters(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void countStartup(WorkspaceId workspaceId, WidgetId widgetId, Instant hour, String origin, StartupOutcome outcome,
                             Optional<ErrorCode> code) {
        Object[] key = {workspaceId.value(), widgetId.value(), micros(hour), origin, outcome.wire(),
                code.map(ErrorCode::wire).orElse("")};
        tx.write(c -> Jdbc.updateOrInsert(c, "UPDATE startup_counters SET starts = starts + 1 WHERE workspace_id = ?"
                        + " AND widget_id = ? AND hour_start = ? AND origin = ? AND outcome = ? AND code = ?", key,
                "INSERT INTO startup_counters (workspace_id, widget_id, hour_start, origin, outcome, code, starts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING", key));
    }

    @Override
    public List<StartupCount> startupCounts(WorkspaceId workspaceId, WidgetId widgetId, Instant fromHour, Instant toHour) {
        return tx.read(c -> Jdbc.query(c, "SELECT origin, outcome, code, SUM(starts) AS n FROM startup_counters"
                        + " WHERE workspace_id = ? AND widget_id = ? AND hour_start >= ? AND hour_start < ?"
                        + " GROUP BY origin, outcome, code",
                rs -> new StartupCount(rs.getString("origin"),
                        StartupOutcome.fromWire(rs.getString("outcome")).orElseThrow(
                                () -> new IllegalStateException("unknown start-up outcome in startup_counters")),
                        rs.getString("code").isEmpty() ? Optional.empty() : Optional.of(ErrorCode.fromWire(rs.getString("code"))
                                .orElseThrow(() -> new IllegalStateException("unknown error code in startup_counters"))),
                        rs.getLong("n")),
                workspaceId.value(), widgetId.value(), micros(fromHour), micros(toHour)));
    }

    @Override
    public long countRecentFailures(WorkspaceId workspaceId, WidgetId widgetId, Instant since, long cap) {
        return tx.read(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM (SELECT 1 FROM auth_failures WHERE workspace_id = ?"
                        + " AND widget_id = ? AND at >= ? AND code <> ? LIMIT ?) recent",
                rs -> rs.getLong(1), workspaceId.value(), widgetId.value(), micros(since), ErrorCode.JWKS_UNAVAILABLE.wire(),
                cap)).orElse(0L);
    }

    @Override
    public boolean claimSpikeAlert(WorkspaceId workspaceId, WidgetId widgetId, Instant now, Duration interval) {
        long nowUs = micros(now);
        long freeBy = micros(now.minus(interval));
        return tx.write(c -> Jdbc.updateOrInsert(c,
                "UPDATE failure_spike_alerts SET last_alert_at = ? WHERE workspace_id = ? AND widget_id = ?"
                        + " AND last_alert_at <= ?", new Object[] {nowUs, workspaceId.value(), widgetId.value(), freeBy},
                "INSERT INTO failure_spike_alerts (workspace_id, widget_id, last_alert_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", new Object[] {workspaceId.value(), widgetId.value(), nowUs}));
    }

    /** Deletes up to {@code batchSize} counters of hours before {@code hour} (the lifecycle job's batch). */
    static int deleteBefore(Connection c, long hourMicros, int batchSize) throws SQLException {
        return JdbcDataPurge.deleteBatch(c, "startup_counters",
                List.of("workspace_id", "widget_id", "hour_start", "origin", "outcome", "code"), "hour_start < ?",
                List.of(hourMicros), batchSize);
    }
}
