package dev.visitorauth.server;

import dev.visitorauth.adapter.grpc.VisitorAuthGrpcServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the gRPC server with the application context: started with the web server, stopped
 * gracefully before the database pool closes. {@link #getPort()} is the port actually bound.
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

    /** Alongside the web server: after it on start-up, and stopped with it on shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
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
