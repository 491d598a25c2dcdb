package dev.visitorauth.adapter.grpc;

import io.grpc.Server;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server built by {@link GrpcServerFactory}. {@link #stop()} is graceful: health turns
 * {@code NOT_SERVING}, new calls are refused, calls in flight get the grace period to finish, and
 * whatever is left is then cancelled. It can be started again after a stop (a host may pause and
 * resume it); each start binds afresh, so with port 0 the port may change.
 */
public final class VisitorAuthGrpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VisitorAuthGrpcServer.class);

    private final Supplier<GrpcHealthReporter> healthFactory;
    private final Function<GrpcHealthReporter, Server> serverFactory;
    private final Duration gracePeriod;
    private GrpcHealthReporter health;
    private Server server;
    private int port = -1;
    private volatile boolean running;

    VisitorAuthGrpcServer(Supplier<GrpcHealthReporter> healthFactory, Function<GrpcHealthReporter, Server> serverFactory,
                          Duration gracePeriod) {
        this.healthFactory = Objects.requireNonNull(healthFactory, "healthFactory");
        this.serverFactory = Objects.requireNonNull(serverFactory, "serverFactory");
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
    }

    /** Binds the port and starts serving; health is checked once before. Does nothing when running. */
    public synchronized VisitorAuthGrpcServer start() throws IOException {
        if (running) {
            return this;
        }
        GrpcHealthReporter reporter = healthFactory.get();
        reporter.start();
        Server built = serverFactory.apply(reporter);
        try {
            built.start();
        } catch (IOException | RuntimeException e) {
            reporter.stop();
            built.shutdownNow();
            throw e;
        }
        health = reporter;
        server = built;
        port = built.getPort();
        running = true;
        return this;
    }

    /** The port bound by the last start (useful after asking for port 0); -1 before it and for a transport without one. */
    public synchronized int port() {
        return port;
    }

    public boolean isRunning() {
        return running;
    }

    /** Runs the health check now and publishes its outcome (it also runs on its own schedule); false when not running. */
    public boolean checkHealthNow() {
        GrpcHealthReporter current;
        synchronized (this) {
            current = running ? health : null;
        }
        return current != null && current.checkNow();
    }

    /** Graceful shutdown; returns once the server has terminated, or the grace period and a last second are over. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        health.stop();
        server.shutdown();
        try {
            if (!server.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("gRPC calls still running after the {} grace period; cancelling them", gracePeriod);
                server.shutdownNow();
                server.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
