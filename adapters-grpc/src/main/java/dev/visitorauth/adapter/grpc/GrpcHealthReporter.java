package dev.visitorauth.adapter.grpc;

import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the standard health service ({@code grpc.health.v1.Health}) from the host's check (e.g.
 * "the database answers"): {@code SERVING} or {@code NOT_SERVING} for the whole server ({@code ""})
 * and for {@code visitorauth.v1.VisitorAuthService}, checked at start and then every interval on
 * a daemon thread. A check that throws counts as failed. After {@link #stop()} both are
 * {@code NOT_SERVING} for good.
 */
final class GrpcHealthReporter {
    private static final Logger log = LoggerFactory.getLogger(GrpcHealthReporter.class);

    private final HealthStatusManager health = new HealthStatusManager();
    private final BooleanSupplier check;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private boolean stopped;
    private ServingStatus last;

    GrpcHealthReporter(BooleanSupplier check, Duration interval) {
        this.check = Objects.requireNonNull(check, "check");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the health check interval must be positive");
        }
    }

    HealthStatusManager manager() {
        return health;
    }

    synchronized void start() {
        if (scheduler != null || stopped) {
            return;
        }
        checkNow();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "visitorauth-grpc-health");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the check now and publishes its outcome. */
    boolean checkNow() {
        boolean healthy;
        try {
            healthy = check.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("gRPC health check failed: {}", e.toString());
            healthy = false;
        }
        publish(healthy);
        return healthy;
    }

    private synchronized void publish(boolean healthy) {
        if (stopped) {
            return;
        }
        ServingStatus status = healthy ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        health.setStatus(VisitorAuthServiceGrpc.SERVICE_NAME, status);
        if (status != last) {
            if (healthy) {
                log.info("gRPC health: {}", status);
            } else {
                log.warn("gRPC health: {}", status);
            }
            last = status;
        }
    }

    synchronized void stop() {
        stopped = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        health.enterTerminalState();
    }
}
