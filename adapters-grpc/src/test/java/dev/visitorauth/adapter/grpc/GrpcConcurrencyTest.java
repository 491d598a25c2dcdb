package dev.visitorauth.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.grpc.v1.GetUserRequest;
import dev.visitorauth.adapter.grpc.v1.ListUsersRequest;
import dev.visitorauth.adapter.grpc.v1.SessionStatus;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.StartSessionResponse;
import dev.visitorauth.application.TestWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Many devices of one new user starting at once through gRPC. */
class GrpcConcurrencyTest {
    private static final int CALLS = 32;

    @Test
    void manyParallelStartSessionsForOneNewUserCreateExactlyOneUser() throws Exception {
        TestWorld world = new TestWorld();
        try (InProcessGrpc grpc = new InProcessGrpc(world, UnaryOperator.identity(), world.auth.authenticateApiKey(), 16)) {
            String token = world.tokens.tokenFor("new-user", world.clock.instant());
            ExecutorService clients = Executors.newFixedThreadPool(CALLS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<StartSessionResponse>> calls = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    calls.add(clients.submit(() -> {
                        go.await();
                        return grpc.stub().startSession(StartSessionRequest.newBuilder().setWidgetId(world.widgetId)
                                .setVisitorToken(token).build());
                    }));
                }
                go.countDown();
                List<StartSessionResponse> sessions = new ArrayList<>();
                for (Future<StartSessionResponse> call : calls) {
                    sessions.add(call.get(30, TimeUnit.SECONDS));
                }

                assertThat(sessions).allSatisfy(s -> {
                    assertThat(s.getStatus()).isEqualTo(SessionStatus.SESSION_STATUS_AUTHENTICATED);
                    assertThat(s.getUser().getExternalId()).isEqualTo("new-user");
                });
                assertThat(sessions).extracting(StartSessionResponse::getVisitorId).doesNotHaveDuplicates();
                assertThat(grpc.stub().listUsers(ListUsersRequest.getDefaultInstance()).getUsersList())
                        .extracting(u -> u.getExternalId()).containsExactly("new-user");
                assertThat(grpc.stub().getUser(GetUserRequest.newBuilder().setExternalId("new-user").build()).getVisitorCount())
                        .isEqualTo(CALLS);
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
