package dev.visitorauth.adapter.grpc;

import static dev.visitorauth.adapter.grpc.InProcessGrpc.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.adapter.grpc.v1.ListUsersRequest;
import dev.visitorauth.adapter.grpc.v1.SessionStatus;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.application.TestWorld;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Netty server on a random port, in plaintext and with TLS. */
class NettyServerTest {
    private final TestWorld world = new TestWorld();

    @TempDir
    Path dir;

    private GrpcServerFactory.Builder factory() {
        return GrpcServerFactory.builder(VisitorAuthGrpcService.UseCases.of(world.auth), world.auth.authenticateApiKey())
                .port(0).shutdownGracePeriod(java.time.Duration.ofSeconds(2));
    }

    private VisitorAuthServiceBlockingStub stub(ManagedChannel channel) {
        Metadata headers = new Metadata();
        headers.put(ApiKeyInterceptor.AUTHORIZATION, "Bearer " + world.apiKey);
        return VisitorAuthServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void servesOverPlaintextOnARandomPort() throws Exception {
        try (VisitorAuthGrpcServer server = factory().build().start()) {
            assertThat(server.port()).isPositive();
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                var started = stub(channel).startSession(StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                        .setVisitorToken(world.tokens.tokenFor("u1", world.clock.instant())).build());
                assertThat(started.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_AUTHENTICATED);
                assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                        .isEqualTo(ServingStatus.SERVING);
                assertRefused(() -> VisitorAuthServiceGrpc.newBlockingStub(channel).listUsers(ListUsersRequest.getDefaultInstance()),
                        Status.Code.UNAUTHENTICATED, "unauthenticated");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void recordsTheCallersAddressForTheRateLimit() throws Exception {
        try (VisitorAuthGrpcServer server = factory().build().start()) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                for (int i = 0; i < 30; i++) {
                    String bad = world.tokens.refusedToken(dev.visitorauth.domain.error.ErrorCode.INVALID_SIGNATURE, "signature");
                    assertRefused(() -> stub(channel).startSession(StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                            .setVisitorToken(bad).build()), Status.Code.UNAUTHENTICATED, "invalid_signature", "signature");
                }
                String bad = world.tokens.refusedToken(dev.visitorauth.domain.error.ErrorCode.INVALID_SIGNATURE, "signature");
                assertRefused(() -> stub(channel).startSession(StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                        .setVisitorToken(bad).build()), Status.Code.RESOURCE_EXHAUSTED, "rate_limited");
                assertRefused(() -> stub(channel).startSession(StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                        .setVisitorToken(bad).setClientAddress("127.0.0.1").build()), Status.Code.RESOURCE_EXHAUSTED, "rate_limited");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void servesTlsFromTheConfiguredCertificateAndKey() throws Exception {
        Path cert = copy("tls/server.pem");
        Path key = copy("tls/server.key");
        try (VisitorAuthGrpcServer server = factory().tls(cert, key).build().start()) {
            ChannelCredentials trusting = TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build();
            ManagedChannel tls = Grpc.newChannelBuilderForAddress("localhost", server.port(), trusting).build();
            ManagedChannel plaintext = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                assertThat(stub(tls).listUsers(ListUsersRequest.getDefaultInstance()).getUsersCount()).isZero();
                assertThatThrownBy(() -> stub(plaintext).withDeadlineAfter(3, TimeUnit.SECONDS)
                        .listUsers(ListUsersRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL,
                                        Status.Code.DEADLINE_EXCEEDED));
            } finally {
                tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void refusesToBuildWithUnreadableTlsFiles() {
        assertThatThrownBy(() -> factory().tls(dir.resolve("missing.pem"), dir.resolve("missing.key")).build())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.pem");
    }

    @Test
    void stopsGracefullyAndFreesThePort() throws Exception {
        VisitorAuthGrpcServer server = factory().build().start();
        int port = server.port();
        server.stop();
        assertThat(server.isRunning()).isFalse();
        try (VisitorAuthGrpcServer again = factory().port(port).build().start()) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void startsAgainAfterAStop() throws Exception {
        try (VisitorAuthGrpcServer server = factory().build()) {
            server.start();
            server.stop();
            server.start();
            assertThat(server.isRunning()).isTrue();
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
                        .isEqualTo(ServingStatus.SERVING);
                assertThat(stub(channel).listUsers(ListUsersRequest.getDefaultInstance()).getUsersCount()).isZero();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private Path copy(String resource) throws IOException {
        Path target = dir.resolve(Path.of(resource).getFileName());
        try (InputStream in = NettyServerTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void refusesAMessageOver256KiBWithResourceExhausted() throws Exception {
        try (VisitorAuthGrpcServer server = factory().build().start()) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                StartSessionRequest huge = StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                        .setVisitorToken("x".repeat(GrpcServerFactory.MAX_INBOUND_MESSAGE_BYTES)).build();
                StartSessionRequest fits = StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                        .setVisitorToken("").build();

                assertThatThrownBy(() -> stub(channel).startSession(huge)).isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
                assertThat(stub(channel).startSession(fits).getSessionToken()).isNotEmpty();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void refusesMetadataOver8KiB() throws Exception {
        try (VisitorAuthGrpcServer server = factory().build().start()) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                Metadata big = new Metadata();
                big.put(Metadata.Key.of("x-padding", Metadata.ASCII_STRING_MARSHALLER),
                        "x".repeat(GrpcServerFactory.MAX_INBOUND_METADATA_BYTES));
                var stub = stub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(big));

                assertThatThrownBy(() -> stub.startSession(StartSessionRequest.newBuilder().setWidgetId(world.widgetId).build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).as(e.getStatus().toString())
                                        .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
