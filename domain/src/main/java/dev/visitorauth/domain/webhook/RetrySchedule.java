package dev.visitorauth.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a delivery is attempted again, and when an endpoint is given up (spec section 11: exponential
 * backoff for 24 hours; an endpoint failing for 3 days is disabled).
 *
 * <p>After the n-th failed attempt the next one is {@link #DELAYS}{@code [n-1]} later: 5 s, 30 s,
 * 2 min, 10 min, 1 h, 2 h, then every 4 h; so attempts run at about 0, 5 s, 35 s, 2.6 min, 12.6 min,
 * 1.2 h, 3.2 h, 7.2 h, 11.2 h, 15.2 h, 19.2 h and 23.2 h after the event was queued. An attempt
 * that would fall more than {@link #WINDOW} after the delivery was queued is not made: the
 * delivery is {@code failed}.
 */
public final class RetrySchedule {
    /** The delay after each failed attempt; the last repeats. */
    public static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
    /** How long after it was queued a delivery is still attempted. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** An endpoint whose every attempt failed for this long is disabled. */
    public static final Duration DISABLE_AFTER = Duration.ofDays(3);

    private RetrySchedule() {
    }

    /**
     * The time of the next attempt after {@code attemptsMade} (at least 1) attempts that all failed,
     * the last at {@code lastAttemptAt}, of a delivery queued at {@code queuedAt}; empty when the
     * delivery has failed for good.
     */
    public static Optional<Instant> nextAttempt(int attemptsMade, Instant queuedAt, Instant lastAttemptAt) {
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("at least one attempt was made");
        }
        Duration delay = DELAYS.get(Math.min(attemptsMade, DELAYS.size()) - 1);
        Instant next = lastAttemptAt.plus(delay);
        return next.isAfter(queuedAt.plus(WINDOW)) ? Optional.empty() : Optional.of(next);
    }

    /** True when an endpoint failing since {@code failingSince} is to be disabled at {@code now}. */
    public static boolean disables(Instant failingSince, Instant now) {
        return !now.isBefore(failingSince.plus(DISABLE_AFTER));
    }
}
