package dev.visitorauth.server;

import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase.PurgeCommand;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase.PurgeReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the data-lifecycle job ({@link PurgeExpiredDataUseCase}) on every node, every
 * {@code interval} (first run one interval after start-up). Each run logs one line with its counts.
 * A run that fails is logged and the next one runs as planned: a failure never stops the schedule.
 */
final class DataLifecycleJob implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger("visitorauth.data-lifecycle");

    private final PurgeExpiredDataUseCase purge;
    private final PurgeCommand command;
    private final Duration interval;
    private final Supplier<ScheduledExecutorService> executors;
    private final Clock clock;
    private ScheduledExecutorService executor;

    DataLifecycleJob(PurgeExpiredDataUseCase purge, PurgeCommand command, Duration interval,
                     Supplier<ScheduledExecutorService> executors, Clock clock) {
        this.purge = Objects.requireNonNull(purge, "purge");
        this.command = Objects.requireNonNull(command, "command");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the purge interval must be positive");
        }
    }

    /** One run: never throws (an exception would cancel the schedule). */
    void runOnce() {
        Instant started = clock.instant();
        try {
            PurgeReport r = purge.purge(command);
            log.info("data_lifecycle deleted sessions={} token_ids={} rate_limit_windows={} anonymous_visitors={}"
                            + " auth_failures={} events={} took_ms={}", r.sessions(), r.tokenIds(), r.rateLimitWindows(),
                    r.anonymousVisitors(), r.authFailures(), r.events(), Duration.between(started, clock.instant()).toMillis());
        } catch (RuntimeException e) {
            log.warn("data_lifecycle failed; the next run is in {}: {}", interval, e.toString());
        }
    }

    /** Starts the schedule on a new executor (a stopped context may be started again). */
    @Override
    public synchronized void start() {
        if (executor == null) {
            long millis = interval.toMillis();
            executor = executors.get();
            executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
