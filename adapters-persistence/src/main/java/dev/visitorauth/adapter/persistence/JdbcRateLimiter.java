package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.RateLimitPort;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request limits in fixed windows, counted in the shared database ({@code rate_limits}) so they
 * hold across nodes. One row per limit and key (a SHA-256 hash of the key); a window starts with the
 * first request after the previous one ended.
 *
 * <p>On PostgreSQL counting is one statement ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING});
 * on H2 (in process, where statements are cheap) a conditional update or insert, then a read. Called
 * inside a transaction, the count joins it (a rollback undoes it, and the row stays locked until the
 * transaction ends); outside one, it commits at once. Once a key is over its budget its count stops
 * at {@code max + 1}: refusals are not counted. Ended windows are deleted by the lifecycle job
 * ({@link JdbcDataPurge}).
 *
 * <p>A large budget (at least {@value #LEASE_DIVISOR} requests a window, as load tests configure)
 * is counted in leases: a node takes {@code max / }{@value #LEASE_DIVISOR} units at a time from the
 * shared row (locked, in the caller's transaction if any) and hands them out from memory until they
 * are used or the window ends. Every node sharing one hot key (all load from one address) would
 * otherwise queue on that row's lock and its commit. The price: units a node leased but did not use
 * in a window are lost, so with {@code n} nodes a key may be refused up to {@code n * max / 1000}
 * requests early, and a rolled-back transaction does not return its unit. Small budgets (the
 * defaults) are counted exactly.
 */
public final class JdbcRateLimiter implements RateLimitPort {
    private record Window(long startMicros, int hits) {
    }

    /** A node's share of a large budget: units it may hand out without asking the database. */
    private static final class Lease {
        long windowEndMicros;
        int remaining;
    }

    /** Budgets of at least this many requests per window are handed out in leases (see the class comment). */
    static final int LEASE_DIVISOR = 1000;
    private static final int MAX_CACHED_LEASES = 10_000;

    private final JdbcTransactions tx;
    private final RequestLimits limits;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    public JdbcRateLimiter(JdbcTransactions tx, RequestLimits limits) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The budgets this limiter allows. */
    public RequestLimits limits() {
        return limits;
    }

    @Override
    public Optional<Duration> acquire(Limit limit, String key, Instant now) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Budget budget = limits.budget(limit);
        long windowMicros = budget.window().toNanos() / 1_000;
        long nowUs = micros(now);
        long endedBefore = nowUs - windowMicros;
        String name = limit.wire();
        String hash = Jdbc.sha256Hex(key);
        int leaseSize = budget.max() / LEASE_DIVISOR;
        if (leaseSize > 1) {
            return fromLease(name, hash, nowUs, endedBefore, windowMicros, budget.max(), leaseSize);
        }
        Window w = tx.statement(c -> tx.isPostgres(c)
                ? upsertReturning(c, name, hash, nowUs, endedBefore, budget.max())
                : updateOrInsertThenRead(c, name, hash, nowUs, endedBefore, budget.max()));
        if (w.hits() <= budget.max()) {
            return Optional.empty();
        }
        long remaining = Math.max(1, w.startMicros() + windowMicros - nowUs);
        return Optional.of(Duration.of(Math.min(remaining, windowMicros), ChronoUnit.MICROS));
    }

    private Optional<Duration> fromLease(String name, String hash, long nowUs, long endedBefore, long windowMicros, int max,
                                         int leaseSize) {
        if (leases.size() > MAX_CACHED_LEASES) {
            leases.values().removeIf(l -> l.windowEndMicros <= nowUs);
        }
        Lease lease = leases.computeIfAbsent(name + "\n" + hash, k -> new Lease());
        synchronized (lease) {
            if (nowUs < lease.windowEndMicros && lease.remaining > 0) {
                lease.remaining--;
                return Optional.empty();
            }
            Window granted = tx.write(c -> take(c, name, hash, nowUs, endedBefore, max, leaseSize));
            lease.windowEndMicros = granted.startMicros() + windowMicros;
            if (granted.hits() == 0) {
                lease.remaining = 0;
                long remaining = Math.max(1, lease.windowEndMicros - nowUs);
                return Optional.of(Duration.of(Math.min(remaining, windowMicros), ChronoUnit.MICROS));
            }
            lease.remaining = granted.hits() - 1;
            return Optional.empty();
        }
    }

    /** Takes up to {@code leaseSize} units of the key's window under the row's lock; returns the window and the units taken. */
    private static Window take(Connection c, String name, String hash, long nowUs, long endedBefore, int max, int leaseSize)
            throws SQLException {
        String lock = "SELECT window_start, hits FROM rate_limits WHERE limit_name = ? AND key_hash = ? FOR UPDATE";
        Optional<Window> row = Jdbc.queryOne(c, lock, rs -> new Window(rs.getLong(1), rs.getInt(2)), name, hash);
        if (row.isEmpty()) {
            Jdbc.update(c, "INSERT INTO rate_limits (limit_name, key_hash, window_start, hits) VALUES (?, ?, ?, 0)"
                    + " ON CONFLICT DO NOTHING", name, hash, nowUs);
            row = Jdbc.queryOne(c, lock, rs -> new Window(rs.getLong(1), rs.getInt(2)), name, hash);
        }
        Window w = row.orElseThrow();
        if (w.startMicros() <= endedBefore) {
            w = new Window(nowUs, 0);
        }
        int granted = (int) Math.min(leaseSize, Math.max(0L, (long) max - w.hits()));
        Jdbc.update(c, "UPDATE rate_limits SET window_start = ?, hits = ? WHERE limit_name = ? AND key_hash = ?",
                w.startMicros(), w.hits() + granted, name, hash);
        return new Window(w.startMicros(), granted);
    }

    private static Window upsertReturning(Connection c, String name, String hash, long nowUs, long endedBefore, int max)
            throws SQLException {
        return Jdbc.queryOne(c, "INSERT INTO rate_limits AS r (limit_name, key_hash, window_start, hits) VALUES (?, ?, ?, 1)"
                        + " ON CONFLICT (limit_name, key_hash) DO UPDATE SET"
                        + " hits = CASE WHEN r.window_start <= ? THEN 1 WHEN r.hits > ? THEN r.hits ELSE r.hits + 1 END,"
                        + " window_start = CASE WHEN r.window_start <= ? THEN ? ELSE r.window_start END"
                        + " RETURNING window_start, hits",
                rs -> new Window(rs.getLong(1), rs.getInt(2)), name, hash, nowUs, endedBefore, max, endedBefore, nowUs)
                .orElseThrow();
    }

    private static Window updateOrInsertThenRead(Connection c, String name, String hash, long nowUs, long endedBefore,
                                                 int max) throws SQLException {
        Jdbc.updateOrInsert(c,
                "UPDATE rate_limits SET"
                        + " hits = CASE WHEN window_start <= ? THEN 1 WHEN hits > ? THEN hits ELSE hits + 1 END,"
                        + " window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END"
                        + " WHERE limit_name = ? AND key_hash = ?",
                new Object[] {endedBefore, max, endedBefore, nowUs, name, hash},
                "INSERT INTO rate_limits (limit_name, key_hash, window_start, hits) VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING",
                new Object[] {name, hash, nowUs});
        return Jdbc.queryOne(c, "SELECT window_start, hits FROM rate_limits WHERE limit_name = ? AND key_hash = ?",
                rs -> new Window(rs.getLong(1), rs.getInt(2)), name, hash).orElseThrow();
    }
}
