package dev.visitorauth.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock tests move by hand, in UTC and in microseconds (what the stores keep and what the
 * service's own clock ticks in): either {@link #stoppedAt stopped} until moved, or {@link #ticking()
 * ticking} with the system clock plus every {@link #advance}. Thread-safe.
 */
public final class MutableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private MutableClock(Clock base) {
        this.base = base;
    }

    /** A clock that stands at {@code start} (to the microsecond) until it is moved. */
    public static MutableClock stoppedAt(Instant start) {
        return new MutableClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** {@link #stoppedAt(Instant)} at an ISO-8601 instant such as {@code 2026-03-01T12:00:00Z}. */
    public static MutableClock stoppedAt(String start) {
        return stoppedAt(Instant.parse(start));
    }

    /** A clock that ticks with the system clock, plus what it was moved by. */
    public static MutableClock ticking() {
        return new MutableClock(Clock.systemUTC());
    }

    /** Moves the clock forward (or back, with a negative {@code step}). */
    public void advance(Duration step) {
        offset.updateAndGet(o -> o.plus(step));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
