package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed verifications per widget and client, in fixed windows, counted in the shared database so
 * the limit holds across nodes. A client may fail {@code limit} times per window (default
 * {@value #DEFAULT_LIMIT} per 60 s); once it has, it is blocked until its window ends.
 *
 * <p>Counting is one conditional {@code UPDATE} of the client's row (which starts a new window
 * when the old one ended), or the row's insert, then reading the row back, in a short transaction
 * of its own: the row lock serializes concurrent failures, so no failure is lost. Client keys
 * (addresses) are stored only as SHA-256 hashes. Rows of ended windows are deleted every
 * {@value #PRUNE_EVERY}-th failure.
 */
public final class JdbcFailureRateLimiter implements FailureRateLimitPort {
    public static final int DEFAULT_LIMIT = 30;
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    static final int PRUNE_EVERY = 256;
    private static final int COUNT_CAP = 1_000_000_000;

    private record Window(long startMicros, int failures) {
    }

    private final JdbcTransactions tx;
    private final int limit;
    private final Duration window;
    private final long windowMicros;
    private final AtomicLong recorded = new AtomicLong();

    public JdbcFailureRateLimiter(JdbcTransactions tx) {
        this(tx, DEFAULT_LIMIT, DEFAULT_WINDOW);
    }

    /**
     * @param limit  failures allowed per window, at least 1
     * @param window the window's length, at least 1 ms
     */
    public JdbcFailureRateLimiter(JdbcTransactions tx, int limit, Duration window) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.window = Objects.requireNonNull(window, "window");
        if (limit < 1 || window.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("the limit is at least 1 and the window at least 1 ms");
        }
        this.limit = limit;
        this.windowMicros = window.toNanos() / 1_000;
    }

    @Override
    public Optional<Duration> recordFailure(WidgetId widgetId, String clientKey, Instant now) {
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(now, "now");
        String widget = widgetId.value();
        String key = Jdbc.sha256Hex(clientKey);
        long nowUs = micros(now);
        long endedBefore = nowUs - windowMicros;
        Window w = tx.autonomous(c -> {
            Jdbc.updateOrInsert(c,
                    "UPDATE failure_rate_limits SET"
                            + " failures = CASE WHEN window_start <= ? THEN 1 WHEN failures >= ? THEN failures ELSE failures + 1 END,"
                            + " window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END"
                            + " WHERE widget_id = ? AND client_key_hash = ?",
                    new Object[] {endedBefore, COUNT_CAP, endedBefore, nowUs, widget, key},
                    "INSERT INTO failure_rate_limits (widget_id, client_key_hash, window_start, failures)"
                            + " VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING",
                    new Object[] {widget, key, nowUs});
            return Jdbc.queryOne(c, "SELECT window_start, failures FROM failure_rate_limits"
                            + " WHERE widget_id = ? AND client_key_hash = ?",
                    rs -> new Window(rs.getLong(1), rs.getInt(2)), widget, key).orElseThrow();
        });
        if (recorded.incrementAndGet() % PRUNE_EVERY == 0) {
            tx.afterCompletion(() -> tx.autonomous(c -> Jdbc.update(c,
                    "DELETE FROM failure_rate_limits WHERE window_start <= ?", endedBefore)));
        }
        return blockedFor(Optional.of(w), nowUs);
    }

    @Override
    public Optional<Duration> blockedFor(WidgetId widgetId, String clientKey, Instant now) {
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(now, "now");
        Optional<Window> w = tx.read(c -> Jdbc.queryOne(c, "SELECT window_start, failures FROM failure_rate_limits"
                        + " WHERE widget_id = ? AND client_key_hash = ?",
                rs -> new Window(rs.getLong(1), rs.getInt(2)), widgetId.value(), Jdbc.sha256Hex(clientKey)));
        return blockedFor(w, micros(now));
    }

    private Optional<Duration> blockedFor(Optional<Window> w, long nowUs) {
        if (w.isEmpty() || w.get().failures() < limit) {
            return Optional.empty();
        }
        long remaining = w.get().startMicros() + windowMicros - nowUs;
        if (remaining <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.of(Math.min(remaining, windowMicros), ChronoUnit.MICROS));
    }

    /** Failures allowed per window. */
    public int limit() {
        return limit;
    }

    /** The window's length. */
    public Duration window() {
        return window;
    }
}
