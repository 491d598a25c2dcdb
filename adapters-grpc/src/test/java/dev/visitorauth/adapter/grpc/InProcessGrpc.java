package dev.visitorauth.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.application.TestWorld;
import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The adapter's server over an in-process transport, on a {@link TestWorld} (in-memory core with
 * the fake token verifier, one workspace, one widget). Its executor counts the tasks in flight, so
 * a test can wait until every handler has finished ({@link #drain()}).
 */
final class InProcessGrpc implements AutoCloseable {
    final TestWorld world;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicBoolean healthy = new AtomicBoolean(true);
    final VisitorAuthGrpcServer server;
    final ManagedChannel channel;
    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();

    InProcessGrpc() {
        this(new TestWorld(), UnaryOperator.identity());
    }

    InProcessGrpc(TestWorld world, UnaryOperator<VisitorAuthGrpcService.UseCases> wrap) {
        this(world, wrap, world.auth.authenticateApiKey());
    }

    InProcessGrpc(TestWorld world, UnaryOperator<VisitorAuthGrpcService.UseCases> wrap, AuthenticateApiKeyUseCase apiKeys) {
        this.world = world;
        String name = InProcessServerBuilder.generateName();
        pool = Executors.newFixedThreadPool(2);
        Executor tracking = task -> {
            inFlight.incrementAndGet();
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        };
        server = GrpcServerFactory.builder(wrap.apply(VisitorAuthGrpcService.UseCases.of(world.auth)), apiKeys)
                .meterRegistry(meters)
                .healthCheck(healthy::get)
                .healthCheckInterval(Duration.ofHours(1))
                .shutdownGracePeriod(Duration.ofSeconds(2))
                .build(() -> InProcessServerBuilder.forName(name).executor(tracking));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).build();
    }

    /** A stub that sends the world's workspace API key. */
    VisitorAuthServiceBlockingStub stub() {
        return stub(world.apiKey);
    }

    VisitorAuthServiceBlockingStub stub(String apiKey) {
        return withAuthorization("Bearer " + apiKey);
    }

    VisitorAuthServiceBlockingStub withAuthorization(String authorization) {
        Metadata headers = new Metadata();
        headers.put(ApiKeyInterceptor.AUTHORIZATION, authorization);
        return VisitorAuthServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A stub that sends no key at all. */
    VisitorAuthServiceBlockingStub anonymousStub() {
        return VisitorAuthServiceGrpc.newBlockingStub(channel);
    }

    /** Waits until no server task (handler or callback) is running or queued. */
    void drain() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("server tasks still running");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.stop();
        pool.shutdownNow();
    }

    /** The call fails with {@code code}, and an ErrorInfo of our domain with {@code reason} and, if given, the claim. */
    static StatusRuntimeException assertRefused(ThrowingCallable call, Status.Code code, String reason, Optional<String> claim) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(e).as("the call fails").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        ErrorInfo info = errorInfo(e);
        assertThat(info.getReason()).isEqualTo(reason);
        assertThat(info.getDomain()).isEqualTo(GrpcStatusMapper.DOMAIN);
        if (claim.isPresent()) {
            assertThat(info.getMetadataMap()).containsEntry(GrpcStatusMapper.CLAIM, claim.get());
        } else {
            assertThat(info.getMetadataMap()).doesNotContainKey(GrpcStatusMapper.CLAIM);
        }
        return e;
    }

    static StatusRuntimeException assertRefused(ThrowingCallable call, Status.Code code, String reason) {
        return assertRefused(call, code, reason, Optional.empty());
    }

    static StatusRuntimeException assertRefused(ThrowingCallable call, Status.Code code, String reason, String claim) {
        return assertRefused(call, code, reason, Optional.of(claim));
    }

    static ErrorInfo errorInfo(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("a google.rpc.Status in the trailers").isNotNull();
        assertThat(status.getCode()).isEqualTo(e.getStatus().getCode().value());
        try {
            for (var detail : status.getDetailsList()) {
                if (detail.is(ErrorInfo.class)) {
                    return detail.unpack(ErrorInfo.class);
                }
            }
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
        throw new AssertionError("no ErrorInfo in " + status);
    }
}
