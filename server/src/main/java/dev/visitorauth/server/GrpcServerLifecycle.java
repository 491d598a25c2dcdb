package dev.visitorauth.server;

import dev.visitorauth.adapter.grpc.VisitorAuthGrpcServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the gRPC server with the application context: started just before the web server, stopped
 * gracefully after it and before the database pool closes. {@link #getPort()} is the port actually bound.
 */
public class GrpcServerLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GrpcServerLifecycle.class);

    private final VisitorAuthGrpcServer server;
    private final boolean tls;

    GrpcServerLifecycle(VisitorAuthGrpcServer server, boolean tls) {
        this.server = server;
        this.tls = tls;
    }

    @Override
    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gRPC server (is the port in use? set VISITORAUTH_GRPC_PORT)", e);
        }
        log.info("gRPC (visitorauth.v1, {}) listening on port {}", tls ? "TLS" : "plaintext", server.port());
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Before the web server on start-up (so nothing answers REST before gRPC listens), and stopped
     * after it on shutdown. Boot starts its web server at {@code DEFAULT_PHASE - 2048}.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** The port bound; meaningful once started (with port 0, the one the system picked). */
    public int getPort() {
        return server.port();
    }

    /** Whether the server serves TLS. */
    public boolean isTls() {
        return tls;
    }
}
