package dev.visitorauth.adapter.grpc;

import dev.visitorauth.application.port.in.WatchEventsUseCase;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Assembles the gRPC server: {@code visitorauth.v1.VisitorAuthService} behind the
 * {@link ApiKeyInterceptor}; the standard health service fed by the host's health check; server
 * reflection ({@code grpc.reflection.v1} and {@code v1alpha}); every call timed by the
 * {@link MetricsInterceptor}. Health and reflection need no API key.
 *
 * <pre>{@code
 * VisitorAuthGrpcServer server = GrpcServerFactory.builder(UseCases.of(core), core.authenticateApiKey())
 *         .port(9090).healthCheck(() -> database.isUp()).meterRegistry(registry).build();
 * server.start();
 * }</pre>
 */
public final class GrpcServerFactory {
    public static final int DEFAULT_PORT = 9090;
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(10);
    /** The largest inbound message (spec section 8); a larger one is refused with {@code RESOURCE_EXHAUSTED}. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024;
    /** The most inbound metadata (headers) a call may carry (spec section 8). */
    public static final int MAX_INBOUND_METADATA_BYTES = 8 * 1024;

    private GrpcServerFactory() {
    }

    public static Builder builder(VisitorAuthGrpcService.UseCases useCases, AuthenticateApiKeyUseCase apiKeys) {
        return new Builder(useCases, apiKeys);
    }

    /** The server's settings; everything but the use cases has a default. */
    public static final class Builder {
        private final VisitorAuthGrpcService.UseCases useCases;
        private final AuthenticateApiKeyUseCase apiKeys;
        private int port = DEFAULT_PORT;
        private Optional<Path> certChain = Optional.empty();
        private Optional<Path> privateKey = Optional.empty();
        private MeterRegistry meters = new CompositeMeterRegistry();
        private BooleanSupplier healthCheck = () -> true;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
        private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
        private Optional<WatchEventsUseCase> watchEvents = Optional.empty();
        private Optional<WebhookGrpcService.UseCases> webhooks = Optional.empty();

        private Builder(VisitorAuthGrpcService.UseCases useCases, AuthenticateApiKeyUseCase apiKeys) {
            this.useCases = Objects.requireNonNull(useCases, "useCases");
            this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        }

        /** The event streams behind {@code WatchWorkspace} (default: none, and it answers {@code UNIMPLEMENTED}). */
        public Builder watchEvents(WatchEventsUseCase watchEvents) {
            this.watchEvents = Optional.of(watchEvents);
            return this;
        }

        /** The TCP port on every interface; 0 picks a free one ({@link VisitorAuthGrpcServer#port()} tells which). Default 9090. */
        /** The webhook admin service ({@code WebhookService}), behind the same API key interceptor. */
        public Builder webhooks(WebhookGrpcService.UseCases webhooks) {
            this.webhooks = Optional.of(Objects.requireNonNull(webhooks, "webhooks"));
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535");
            }
            this.port = port;
            return this;
        }

        /** Serve TLS only, with this PEM certificate chain and PEM (PKCS#8) private key. Default: plaintext. */
        public Builder tls(Path certChain, Path privateKey) {
            this.certChain = Optional.of(certChain);
            this.privateKey = Optional.of(privateKey);
            return this;
        }

        /** Where {@value MetricsInterceptor#METRIC} is recorded. Default: nowhere. */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** True while the server can serve (e.g. its database answers). Default: always true. */
        public Builder healthCheck(BooleanSupplier healthCheck) {
            this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
            return this;
        }

        /** How often the health check runs. Default 5 s. */
        public Builder healthCheckInterval(Duration interval) {
            this.healthCheckInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How long {@link VisitorAuthGrpcServer#stop()} lets calls in flight finish before cancelling them. Default 10 s. */
        public Builder shutdownGracePeriod(Duration gracePeriod) {
            this.shutdownGracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
            return this;
        }

        /** A Netty server on the port, with TLS when configured (the files are read now). Not started. */
        public VisitorAuthGrpcServer build() {
            ServerCredentials credentials = credentials();
            int boundPort = port;
            return build(() -> NettyServerBuilder.forPort(boundPort, credentials));
        }

        /**
         * The server over any transport (e.g. an in-process one for tests). {@code transport} gives
         * a fresh builder for every start, so a stopped server can be started again. Not started.
         */
        public VisitorAuthGrpcServer build(Supplier<? extends ServerBuilder<?>> transport) {
            Objects.requireNonNull(transport, "transport");
            VisitorAuthGrpcService.UseCases services = useCases;
            AuthenticateApiKeyUseCase keys = apiKeys;
            MeterRegistry registry = meters;
            BooleanSupplier check = healthCheck;
            Duration interval = healthCheckInterval;
            Optional<WatchEventsUseCase> watch = watchEvents;
            Optional<WebhookGrpcService.UseCases> hooks = webhooks;
            return new VisitorAuthGrpcServer(() -> new GrpcHealthReporter(check, interval),
                    health -> withWebhooks(transport.get(), hooks, keys)
                            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                            .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES)
                            .addService(ServerInterceptors.intercept(new VisitorAuthGrpcService(services, watch), new ApiKeyInterceptor(keys)))
                            .addService(health.manager().getHealthService())
                            .addService(ProtoReflectionServiceV1.newInstance())
                            .addService(reflectionV1Alpha())
                            .intercept(new MetricsInterceptor(registry))
                            .build(),
                    shutdownGracePeriod);
        }

        private static ServerBuilder<?> withWebhooks(ServerBuilder<?> builder, Optional<WebhookGrpcService.UseCases> hooks,
                                                     AuthenticateApiKeyUseCase keys) {
            hooks.ifPresent(h -> builder.addService(ServerInterceptors.intercept(new WebhookGrpcService(h),
                    new ApiKeyInterceptor(keys))));
            return builder;
        }

        /** The older reflection protocol, for clients that do not speak v1 yet. */
        @SuppressWarnings("deprecation")
        private static io.grpc.BindableService reflectionV1Alpha() {
            return ProtoReflectionService.newInstance();
        }

        private ServerCredentials credentials() {
            if (certChain.isEmpty()) {
                return InsecureServerCredentials.create();
            }
            try {
                return TlsServerCredentials.create(certChain.get().toFile(), privateKey.orElseThrow().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the gRPC TLS certificate chain " + certChain.get()
                        + " or private key " + privateKey.orElseThrow(), e);
            }
        }
    }
}
