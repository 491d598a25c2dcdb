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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Objects;
import java.util.Optional;

/**
 * The coverage counters ({@code startup_counters}) and the spike alert's slot
 * ({@code failure_spike_alerts}).
 *
 * <p>Counts are added up in this node and written in one small transaction at most
 * {@link #FLUSH_DELAY} after the first count since the last write: a start-up's count joins the
 * node's pending counts when its transaction commits (a rolled-back start-up counts nothing), not
 * inside it. Written with the change, every start-up of one widget, hour, origin and outcome would
 * hold that counter's row from its count to its commit, one start-up after the other (measured on
 * session starts, issue 12: with the event log's head row, the queue a start spent most of its time
 * in), and send one more statement. The price: a node that dies loses at most its last
 * {@link #FLUSH_DELAY} of counts, and another node's counts show up to that much later
 * (docs/decisions.md, "Coverage counters"). Reads write this node's pending counts first, so a
 * node reads its own counts at once; {@link #flush()} writes them (the host calls it on shutdown,
 * through {@link JdbcPersistence#close()}).
 *
 * <p>A write adds each pending count to its row, creating it: an {@code UPDATE}, else an
 * {@code INSERT ... ON CONFLICT DO NOTHING}, else the update again (a concurrent insert won). A
 * write that fails puts its counts back, to be written with the next.
 */
public final class JdbcCoverageCounters implements CountStartupsPort, LoadCoveragePort, FailureSpikePort {
    /** How long a count waits in this node, at most, before it is written (with the others then pending). */
    public static final Duration FLUSH_DELAY = Duration.ofSeconds(1);

    /** One thread for every instance's delayed writes; daemon, so it never holds the JVM up. */
    private static final ScheduledExecutorService WRITER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "visitorauth-coverage-counts");
        t.setDaemon(true);
        return t;
    });

    /** A counter's row: (workspace, widget, hour, origin bucket, outcome, code or ""). */
    private record Key(String workspaceId, String widgetId, long hourMicros, String origin, String outcome, String code) {
        Object[] columns() {
            return new Object[] {workspaceId, widgetId, hourMicros, origin, outcome, code};
        }
    }

    private static final System.Logger LOG = System.getLogger(JdbcCoverageCounters.class.getName());

    private final JdbcTransactions tx;
    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    /** Held by a flush from taking the pending counts until their write has committed or failed. */
    private final Object flushing = new Object();

    JdbcCoverageCounters(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** Adds one to the counter once the caller's transaction commits (at once outside one); written within {@link #FLUSH_DELAY}. */
    @Override
    public void countStartup(WorkspaceId workspaceId, WidgetId widgetId, Instant hour, String origin, StartupOutcome outcome,
                             Optional<ErrorCode> code) {
        Key key = new Key(workspaceId.value(), widgetId.value(), micros(hour), origin, outcome.wire(),
                code.map(ErrorCode::wire).orElse(""));
        tx.afterCommit(() -> add(key, 1));
    }

    private void add(Key key, long n) {
        pending.merge(key, n, Long::sum);
        if (writeScheduled.compareAndSet(false, true)) {
            WRITER.schedule(this::flushQuietly, FLUSH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Writes this node's pending counts now, in one transaction of their own. On failure they are
     * pending again (and the exception is thrown). One flush at a time: a read's flush waits for the
     * delayed write that has already taken the pending counts, so the read sees them.
     */
    public void flush() {
        synchronized (flushing) {
            flushPending();
        }
    }

    private void flushPending() {
        writeScheduled.set(false);
        Map<Key, Long> taken = new HashMap<>();
        for (Key key : pending.keySet()) {
            Long n = pending.remove(key);
            if (n != null) {
                taken.put(key, n);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            tx.autonomous(c -> { // its own transaction, even when a caller's is open: never undone by its rollback
                for (Map.Entry<Key, Long> e : taken.entrySet()) {
                    write(c, e.getKey(), e.getValue());
                }
                return null;
            });
        } catch (RuntimeException e) {
            taken.forEach(this::add);
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the coverage counters; retrying in "
                    + FLUSH_DELAY.toMillis() + " ms: " + e);
        }
    }

    private static void write(Connection c, Key key, long n) throws SQLException {
        Object[] k = key.columns();
        Object[] update = new Object[k.length + 1];
        update[0] = n;
        System.arraycopy(k, 0, update, 1, k.length);
        Object[] insert = new Object[k.length + 1];
        System.arraycopy(k, 0, insert, 0, k.length);
        insert[k.length] = n;
        Jdbc.updateOrInsert(c, "UPDATE startup_counters SET starts = starts + ? WHERE workspace_id = ?"
                        + " AND widget_id = ? AND hour_start = ? AND origin = ? AND outcome = ? AND code = ?", update,
                "INSERT INTO startup_counters (workspace_id, widget_id, hour_start, origin, outcome, code, starts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", insert);
    }

    /** This node's pending counts are written first (see the class comment). */
    @Override
    public List<StartupCount> startupCounts(WorkspaceId workspaceId, WidgetId widgetId, Instant fromHour, Instant toHour) {
        flush();
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
