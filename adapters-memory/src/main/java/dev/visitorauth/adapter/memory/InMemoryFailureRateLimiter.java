package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding-window limit on failed verifications per widget and client, held in this process
 * (a cluster needs a shared store, such as the JDBC adapter's).
 */
public final class InMemoryFailureRateLimiter implements FailureRateLimitPort {
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** The spec's default: 30 failures a minute. */
    public InMemoryFailureRateLimiter() {
        this(30, Duration.ofMinutes(1));
    }

    public InMemoryFailureRateLimiter(int maxFailures, Duration window) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxFailures >= 1 and a positive window");
        }
        this.maxFailures = maxFailures;
        this.window = window;
    }

    @Override
    public Optional<Duration> recordFailure(WidgetId widgetId, String clientKey, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(widgetId.value() + "\n" + clientKey, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            return wait(times, now);
        }
    }

    @Override
    public Optional<Duration> blockedFor(WidgetId widgetId, String clientKey, Instant now) {
        Deque<Instant> times = failures.get(widgetId.value() + "\n" + clientKey);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            expire(times, now);
            return wait(times, now);
        }
    }

    private void expire(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }

    private Optional<Duration> wait(Deque<Instant> times, Instant now) {
        if (times.size() < maxFailures) {
            return Optional.empty();
        }
        Instant freed = times.stream().skip(times.size() - maxFailures).findFirst().orElseThrow().plus(window);
        return Optional.of(Duration.between(now, freed));
    }
}
