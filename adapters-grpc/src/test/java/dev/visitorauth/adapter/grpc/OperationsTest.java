package dev.visitorauth.adapter.grpc;

import static dev.visitorauth.adapter.grpc.InProcessGrpc.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.visitorauth.adapter.grpc.v1.GetUserRequest;
import dev.visitorauth.adapter.grpc.v1.ListUsersRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import dev.visitorauth.application.TestWorld;
import dev.visitorauth.application.port.in.ListUsersUseCase.ListUsersQuery;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Health, reflection, metrics, deadlines and cancellation, and failures that are not refusals. */
class OperationsTest {

    @Test
    void healthNeedsNoKeyAndFollowsTheHostsCheck() {
        try (InProcessGrpc grpc = new InProcessGrpc()) {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(grpc.channel);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(VisitorAuthServiceGrpc.SERVICE_NAME).build())
                    .getStatus()).isEqualTo(ServingStatus.SERVING);

            grpc.healthy.set(false);
            assertThat(grpc.server.checkHealthNow()).isFalse();
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(VisitorAuthServiceGrpc.SERVICE_NAME).build())
                    .getStatus()).isEqualTo(ServingStatus.NOT_SERVING);

            grpc.healthy.set(true);
            grpc.server.checkHealthNow();
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void aHealthCheckThatThrowsIsNotServing() {
        GrpcHealthReporter reporter = new GrpcHealthReporter(() -> {
            throw new IllegalStateException("pool closed");
        }, java.time.Duration.ofHours(1));
        assertThat(reporter.checkNow()).isFalse();
    }

    @Test
    void healthRunsTheCheckOnItsSchedule() throws Exception {
        CountDownLatch checks = new CountDownLatch(3);
        GrpcHealthReporter reporter = new GrpcHealthReporter(() -> {
            checks.countDown();
            return true;
        }, java.time.Duration.ofMillis(20));
        reporter.start();
        try {
            assertThat(checks.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            reporter.stop();
        }
    }

    @Test
    void reflectionNeedsNoKeyAndListsTheServices() throws Exception {
        try (InProcessGrpc grpc = new InProcessGrpc()) {
            List<ServerReflectionResponse> responses = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(grpc.channel).serverReflectionInfo(
                    new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse value) {
                            responses.add(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(null);
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol(VisitorAuthServiceGrpc.SERVICE_NAME).build());
            requests.onCompleted();
            done.get(10, TimeUnit.SECONDS);

            assertThat(responses.get(0).getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                    .contains("visitorauth.v1.VisitorAuthService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
            assertThat(responses.get(1).getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();
        }
    }

    @Test
    void timesEveryCallByMethodAndStatus() {
        try (InProcessGrpc grpc = new InProcessGrpc()) {
            grpc.stub().listUsers(ListUsersRequest.getDefaultInstance());
            grpc.stub().listUsers(ListUsersRequest.getDefaultInstance());
            catchThrowableOfType(StatusRuntimeException.class, () -> grpc.anonymousStub().listUsers(ListUsersRequest.getDefaultInstance()));
            catchThrowableOfType(StatusRuntimeException.class, () -> grpc.stub().getUser(GetUserRequest.newBuilder()
                    .setExternalId("nobody").build()));

            assertThat(timer(grpc, "visitorauth.v1.VisitorAuthService/ListUsers", "OK").count()).isEqualTo(2);
            assertThat(timer(grpc, "visitorauth.v1.VisitorAuthService/ListUsers", "UNAUTHENTICATED").count()).isEqualTo(1);
            assertThat(timer(grpc, "visitorauth.v1.VisitorAuthService/GetUser", "NOT_FOUND").count()).isEqualTo(1);
        }
    }

    private static Timer timer(InProcessGrpc grpc, String method, String status) {
        return grpc.meters.get(MetricsInterceptor.METRIC).tag("method", method).tag("status", status).timer();
    }

    @Test
    void aCallPastItsDeadlineStartsNoSession() throws Exception {
        TestWorld world = new TestWorld();
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch sawCancellation = new CountDownLatch(1);
        try (InProcessGrpc grpc = new InProcessGrpc(world, useCases -> slowGetWidget(useCases, starts, sawCancellation))) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.stub()
                    .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                    .startSession(StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                            .setVisitorToken(world.tokens.tokenFor("u1", world.clock.instant())).build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(sawCancellation.await(5, TimeUnit.SECONDS)).as("the server saw the deadline pass").isTrue();
            grpc.drain();

            assertThat(starts).as("start-up never ran").hasValue(0);
            assertThat(world.auth.listUsers().listUsers(new ListUsersQuery(world.workspace, "", 10, Optional.empty()))
                    .orElseThrow().users()).isEmpty();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (grpc.meters.find(MetricsInterceptor.METRIC).tag("status", "CANCELLED").timer() == null
                    && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(grpc.meters.get(MetricsInterceptor.METRIC).tag("status", "CANCELLED").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void aCallTheClientCancelsStartsNoSession() throws Exception {
        TestWorld world = new TestWorld();
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch sawCancellation = new CountDownLatch(1);
        try (InProcessGrpc grpc = new InProcessGrpc(world, useCases -> slowGetWidget(useCases, starts, sawCancellation))) {
            Context.CancellableContext client = Context.current().withCancellation();
            CompletableFuture<StatusRuntimeException> call = CompletableFuture.supplyAsync(() -> {
                Context previous = client.attach();
                try {
                    return catchThrowableOfType(StatusRuntimeException.class, () -> grpc.stub().startSession(
                            StartSessionRequest.newBuilder().setWidgetId(world.widgetId).build()));
                } finally {
                    client.detach(previous);
                }
            });
            Thread.sleep(100);
            client.cancel(null);

            assertThat(call.get(5, TimeUnit.SECONDS).getStatus().getCode()).isEqualTo(Status.Code.CANCELLED);
            assertThat(sawCancellation.await(5, TimeUnit.SECONDS)).as("the server saw the cancellation").isTrue();
            grpc.drain();
            assertThat(starts).hasValue(0);
            assertThat(world.auth.listUsers().listUsers(new ListUsersQuery(world.workspace, "", 10, Optional.empty()))
                    .orElseThrow().users()).isEmpty();
        }
    }

    /** GetWidget (the first step of StartSession) returns only once the call is cancelled; StartSession counts its runs. */
    private static VisitorAuthGrpcService.UseCases slowGetWidget(VisitorAuthGrpcService.UseCases u, AtomicInteger starts,
                                                                 CountDownLatch sawCancellation) {
        return new VisitorAuthGrpcService.UseCases(u.verifyToken(), command -> {
            starts.incrementAndGet();
            return u.startSession().startSession(command);
        }, (workspace, widget) -> {
            Context context = Context.current();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!context.isCancelled() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            if (context.isCancelled()) {
                sawCancellation.countDown();
            }
            return u.getWidget().getWidget(workspace, widget);
        }, u.getUser(), u.listUsers(), u.getConversation(), u.postAgentReply(), u.listAuthFailures(), u.rotateSecret(),
                u.listUserVisitors(), u.listUserConversations(), u.eraseUser(), u.exportUser(), u.addWidgetKey(),
                u.deleteWidgetKey(), u.updateWidget(), u.revokeUserSessions(), u.coverage(), u.listWidgets(), u.rotateApiKey(), u.listInbox());
    }

    @Test
    void storageDownIsUnavailableWithoutInternalDetails() {
        try (InProcessGrpc grpc = new InProcessGrpc(new TestWorld(), u -> new VisitorAuthGrpcService.UseCases(u.verifyToken(),
                u.startSession(), u.getWidget(), (workspace, id) -> {
                    throw new StorageUnavailableException("Connection to db.internal:5432 refused", new SQLException("x"));
                }, u.listUsers(), u.getConversation(), u.postAgentReply(), u.listAuthFailures(), u.rotateSecret(),
                u.listUserVisitors(), u.listUserConversations(), u.eraseUser(), u.exportUser(), u.addWidgetKey(),
                u.deleteWidgetKey(), u.updateWidget(), u.revokeUserSessions(), u.coverage(), u.listWidgets(), u.rotateApiKey(), u.listInbox()))) {
            StatusRuntimeException e = assertRefused(() -> grpc.stub().getUser(GetUserRequest.newBuilder().setExternalId("u1")
                    .build()), Status.Code.UNAVAILABLE, "unavailable");
            assertThat(e.getStatus().getDescription()).isEqualTo(GrpcStatusMapper.UNAVAILABLE_MESSAGE);
            assertThat(StatusProto.fromThrowable(e).toString()).doesNotContain("db.internal", "SQLException", "at dev.");
        }
    }

    @Test
    void anUnexpectedFailureIsInternalWithAGenericMessage() {
        try (InProcessGrpc grpc = new InProcessGrpc(new TestWorld(), u -> new VisitorAuthGrpcService.UseCases(u.verifyToken(),
                u.startSession(), u.getWidget(), (workspace, id) -> {
                    throw new IllegalStateException("invariant broken for user 42 in table users");
                }, u.listUsers(), u.getConversation(), u.postAgentReply(), u.listAuthFailures(), u.rotateSecret(),
                u.listUserVisitors(), u.listUserConversations(), u.eraseUser(), u.exportUser(), u.addWidgetKey(),
                u.deleteWidgetKey(), u.updateWidget(), u.revokeUserSessions(), u.coverage(), u.listWidgets(), u.rotateApiKey(), u.listInbox()))) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> grpc.stub().getUser(
                    GetUserRequest.newBuilder().setExternalId("u1").build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(e.getStatus().getDescription()).isEqualTo(GrpcStatusMapper.INTERNAL_MESSAGE);
            assertThat(e.getTrailers().keys()).doesNotContain("grpc-status-details-bin");
            assertThat(e.getStatus().getCause()).isNull();
        }
    }
}
