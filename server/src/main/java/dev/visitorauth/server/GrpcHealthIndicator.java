package dev.visitorauth.server;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code grpc} in health and readiness: UP only while the gRPC server is serving, so a node reports
 * ready only once gRPC listens, and not ready once it stops.
 */
class GrpcHealthIndicator implements HealthIndicator {
    private final GrpcServerLifecycle grpc;

    GrpcHealthIndicator(GrpcServerLifecycle grpc) {
        this.grpc = grpc;
    }

    @Override
    public Health health() {
        if (grpc.isRunning()) {
            return Health.up().withDetail("port", grpc.getPort()).build();
        }
        return Health.outOfService().withDetail("reason", "the gRPC server is not serving").build();
    }
}
