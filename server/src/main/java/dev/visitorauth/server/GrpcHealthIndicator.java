package dev.visitorauth.server;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code grpc} in health and readiness: UP only while the gRPC server answers. Over plaintext it
 * asks the server's own standard health service through its port on loopback (one second deadline),
 * so a server that still runs but can no longer answer calls (for example because its jar was
 * replaced under it) is reported DOWN, as is one whose database is down. Over TLS it reports whether
 * the server is running (the node cannot check its own certificate's name on loopback).
 */
class GrpcHealthIndicator implements HealthIndicator, DisposableBean {
    private static final long DEADLINE_MILLIS = 1_000;

    private final GrpcServerLifecycle grpc;
    private ManagedChannel channel;

    GrpcHealthIndicator(GrpcServerLifecycle grpc) {
        this.grpc = grpc;
    }

    @Override
    public Health health() {
        if (!grpc.isRunning()) {
            return Health.outOfService().withDetail("reason", "the gRPC server is not serving").build();
        }
        if (grpc.isTls()) {
            return Health.up().withDetail("port", grpc.getPort()).build();
        }
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel())
                    .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
            return status == ServingStatus.SERVING
                    ? Health.up().withDetail("port", grpc.getPort()).build()
                    : Health.down().withDetail("port", grpc.getPort()).withDetail("reason", "gRPC health is " + status).build();
        } catch (StatusRuntimeException e) {
            return Health.down().withDetail("port", grpc.getPort())
                    .withDetail("reason", "gRPC health check failed: " + e.getStatus().getCode()).build();
        }
    }

    private synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.getPort()).usePlaintext().build();
        }
        return channel;
    }

    @Override
    public synchronized void destroy() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
