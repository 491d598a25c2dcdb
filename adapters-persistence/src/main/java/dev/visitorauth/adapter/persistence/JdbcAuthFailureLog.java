package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;
import static dev.visitorauth.adapter.persistence.Jdbc.text;

import dev.visitorauth.application.port.out.LoadAuthFailuresPort;
import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A widget's failure log, bounded: the retained log is the newest {@code maxPerWidget} failures
 * (default {@value #DEFAULT_MAX_PER_WIDGET}) no older than {@code retention} (default 30 days).
 * Reads see exactly the retained log, whatever the pruning has reached; rows beyond it are deleted
 * opportunistically, for the recorded widget, on every {@code pruneEvery}-th record (default
 * {@value #DEFAULT_PRUNE_EVERY}) of this instance: two indexed deletes.
 *
 * <p>Records are written on a connection of their own, committed at once, even when the caller is
 * in a transaction: a failed start-up rolls back, its failure record stays.
 */
public final class JdbcAuthFailureLog implements RecordAuthFailurePort, LoadAuthFailuresPort {
    public static final int DEFAULT_MAX_PER_WIDGET = 10_000;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int DEFAULT_PRUNE_EVERY = 100;

    private static final String ORDER = " ORDER BY at DESC, failure_id DESC";

    private final JdbcTransactions tx;
    private final Clock clock;
    private final int maxPerWidget;
    private final Duration retention;
    private final int pruneEvery;
    private final AtomicLong recorded = new AtomicLong();

    public JdbcAuthFailureLog(JdbcTransactions tx, Clock clock) {
        this(tx, clock, DEFAULT_MAX_PER_WIDGET, DEFAULT_RETENTION, DEFAULT_PRUNE_EVERY);
    }

    public JdbcAuthFailureLog(JdbcTransactions tx, Clock clock, int maxPerWidget, Duration retention, int pruneEvery) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (maxPerWidget < 1 || pruneEvery < 1 || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("maxPerWidget, pruneEvery and retention must be positive");
        }
        this.maxPerWidget = maxPerWidget;
        this.pruneEvery = pruneEvery;
    }

    @Override
    public void recordAuthFailure(AuthFailure f) {
        Objects.requireNonNull(f, "failure");
        boolean prune = recorded.incrementAndGet() % pruneEvery == 0;
        tx.autonomous(c -> {
            Jdbc.update(c, "INSERT INTO auth_failures (workspace_id, widget_id, at, code, claim, origin, kid, iat)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    f.workspaceId().value(), f.widgetId().value(), micros(f.at()), f.code().wire(), text(f.claim()),
                    text(f.origin()), text(f.kid()), micros(f.iat()));
            return null;
        });
        if (prune) {
            tx.autonomous(c -> prune(c, f.workspaceId(), f.widgetId()));
        }
    }

    /**
     * @param limit 1 to 1000
     */
    @Override
    public AuthFailureLog recentAuthFailures(WorkspaceId workspaceId, WidgetId widgetId, int limit) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(widgetId, "widgetId");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
        long cutoff = micros(clock.instant().minus(retention));
        String ws = workspaceId.value();
        String widget = widgetId.value();
        return tx.read(c -> {
            List<AuthFailure> failures = Jdbc.query(c,
                    "SELECT at, code, claim, origin, kid, iat FROM auth_failures"
                            + " WHERE workspace_id = ? AND widget_id = ? AND at >= ?" + ORDER + " LIMIT ?",
                    rs -> {
                        Optional<ErrorCode> code = ErrorCode.fromWire(rs.getString("code"));
                        if (code.isEmpty()) {
                            return Optional.<AuthFailure>empty(); // written by a newer version
                        }
                        return Optional.of(new AuthFailure(workspaceId, widgetId, instant(rs, "at"), code.get(),
                                Jdbc.optionalText(rs, "claim"), Jdbc.optionalText(rs, "origin"), Jdbc.optionalText(rs, "kid"),
                                Jdbc.optionalInstant(rs, "iat")));
                    },
                    ws, widget, cutoff, Math.min(limit, maxPerWidget)).stream().flatMap(Optional::stream).toList();
            Map<ErrorCode, Long> counts = new EnumMap<>(ErrorCode.class);
            Jdbc.query(c, "SELECT code, COUNT(*) AS n FROM (SELECT code FROM auth_failures"
                            + " WHERE workspace_id = ? AND widget_id = ? AND at >= ?" + ORDER + " LIMIT ?) retained GROUP BY code",
                    rs -> {
                        Optional<ErrorCode> code = ErrorCode.fromWire(rs.getString("code"));
                        if (code.isPresent()) {
                            counts.put(code.get(), rs.getLong("n"));
                        }
                        return null;
                    },
                    ws, widget, cutoff, maxPerWidget);
            return new AuthFailureLog(failures, counts);
        });
    }

    /** How long a failure is kept. */
    Duration retention() {
        return retention;
    }

    /**
     * For the lifecycle job: applies the count bound to up to {@code maxWidgets} widgets whose log
     * holds more than it. Returns how many records were deleted.
     */
    int trimOverfullWidgets(int maxWidgets) {
        record Widget(String workspaceId, String widgetId) {
        }
        List<Widget> overfull = tx.read(c -> Jdbc.query(c, "SELECT workspace_id, widget_id FROM auth_failures"
                        + " GROUP BY workspace_id, widget_id HAVING COUNT(*) > ? LIMIT ?",
                rs -> new Widget(rs.getString(1), rs.getString(2)), maxPerWidget, maxWidgets));
        int deleted = 0;
        for (Widget w : overfull) {
            deleted += tx.write(c -> prune(c, new WorkspaceId(w.workspaceId()), new WidgetId(w.widgetId())));
        }
        return deleted;
    }

    private int prune(Connection c, WorkspaceId workspaceId, WidgetId widgetId) throws SQLException {
        String ws = workspaceId.value();
        String widget = widgetId.value();
        int deleted = Jdbc.update(c, "DELETE FROM auth_failures WHERE workspace_id = ? AND widget_id = ? AND at < ?",
                ws, widget, micros(clock.instant().minus(retention)));
        record Edge(long at, long id) {
        }
        Optional<Edge> firstDropped = Jdbc.queryOne(c, "SELECT at, failure_id FROM auth_failures"
                        + " WHERE workspace_id = ? AND widget_id = ?" + ORDER + " LIMIT 1 OFFSET ?",
                rs -> new Edge(rs.getLong("at"), rs.getLong("failure_id")), ws, widget, maxPerWidget);
        if (firstDropped.isPresent()) {
            Edge e = firstDropped.get();
            deleted += Jdbc.update(c, "DELETE FROM auth_failures WHERE workspace_id = ? AND widget_id = ?"
                            + " AND (at < ? OR (at = ? AND failure_id <= ?))",
                    ws, widget, e.at(), e.at(), e.id());
        }
        return deleted;
    }
}
