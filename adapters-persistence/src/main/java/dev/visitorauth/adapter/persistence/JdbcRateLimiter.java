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
 */
public final class JdbcRateLimiter implements RateLimitPort {
    private record Window(long startMicros, int hits) {
    }

    private final JdbcTransactions tx;
    private final RequestLimits limits;

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
        Window w = tx.statement(c -> tx.isPostgres(c)
                ? upsertReturning(c, name, hash, nowUs, endedBefore, budget.max())
                : updateOrInsertThenRead(c, name, hash, nowUs, endedBefore, budget.max()));
        if (w.hits() <= budget.max()) {
            return Optional.empty();
        }
        long remaining = Math.max(1, w.startMicros() + windowMicros - nowUs);
        return Optional.of(Duration.of(Math.min(remaining, windowMicros), ChronoUnit.MICROS));
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
