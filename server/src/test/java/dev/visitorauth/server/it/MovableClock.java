package dev.visitorauth.server.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * A UTC clock a test moves by hand, to give a test server as its {@code @Primary} {@link Clock}:
 * either stopped at an instant ({@link #MovableClock(Instant)}) or {@link #ticking() ticking} with the
 * system clock, shifted by every {@link #advance}.
 */
final class MovableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** A clock that stands at {@code start} until it is moved. */
    MovableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC));
    }

    private MovableClock(Clock base) {
        this.base = base;
    }

    /** A clock that ticks with the system clock in microseconds (as the server's does), plus what it was moved by. */
    static MovableClock ticking() {
        return new MovableClock(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
    }

    /** Moves the clock forward by {@code step}. */
    void advance(Duration step) {
        offset.updateAndGet(o -> o.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    /**
     * The shared test servers' clock: one ticking {@link MovableClock} per context, so a contract can
     * let time pass (a session expire, a grace period end) without sleeping.
     */
    @Configuration(proxyBeanMethods = false)
    static class OfServer {
        @Bean
        @Primary
        MovableClock movableClock() {
            return MovableClock.ticking();
        }
    }
}
