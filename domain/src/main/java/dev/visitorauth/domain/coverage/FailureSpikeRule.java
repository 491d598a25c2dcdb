package dev.visitorauth.domain.coverage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code widget.auth_failures_spiked} (spec section 11): failed verifications in the last
 * {@link #WINDOW} above {@link #FACTOR} times the widget's hourly average, at most once per
 * {@link #ALERT_INTERVAL} per widget.
 *
 * <p>The hourly average is taken over the {@link #BASELINE_HOURS} whole hours before the current
 * one (the hourly counters), so the burst being judged does not raise its own bar. A widget with
 * no history would alert on its first failure; at least {@link #MIN_FAILURES} failures in the
 * window are therefore needed as well.
 */
public final class FailureSpikeRule {
    /** The burst window. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** How many times the hourly average the burst must exceed. */
    public static final int FACTOR = 10;
    /** Whole hours before the current one that make the average. */
    public static final int BASELINE_HOURS = 24;
    /** The fewest failures in the window that can be a spike. */
    public static final long MIN_FAILURES = 10;
    /** At most one alert per widget in this long. */
    public static final Duration ALERT_INTERVAL = Duration.ofHours(1);

    private FailureSpikeRule() {
    }

    /**
     * True when {@code inWindow} failures in the last {@link #WINDOW} are a spike against
     * {@code inBaseline} failures in the {@link #BASELINE_HOURS} hours of the baseline: more than
     * {@link #FACTOR} times {@code inBaseline / BASELINE_HOURS}, and at least {@link #MIN_FAILURES}.
     */
    public static boolean isSpike(long inWindow, long inBaseline) {
        if (inWindow < 0 || inBaseline < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return inWindow >= MIN_FAILURES && inWindow * BASELINE_HOURS > FACTOR * inBaseline;
    }

    /** The hour {@code at} falls in (its start, UTC). */
    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /** The first hour of the baseline for a failure at {@code now}; the baseline ends before {@link #hourOf}{@code (now)}. */
    public static Instant baselineStart(Instant now) {
        return hourOf(now).minus(Duration.ofHours(BASELINE_HOURS));
    }
}
