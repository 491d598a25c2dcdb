package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many devices at once, through the in-memory adapters. */
class ConcurrencyTest {
    private static final int THREADS = 32;

    private static <T> List<T> race(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyDevicesStartingForOneNewUserCreateExactlyOneUser() throws Exception {
        TestWorld w = new TestWorld();
        List<StartedSession> sessions = race(() -> w.login("new-user", Optional.empty()));
        assertThat(sessions).extracting(s -> s.session().user().orElseThrow().id()).containsOnly(
                sessions.get(0).session().user().orElseThrow().id());
        assertThat(w.auth.listUsers().listUsers(new dev.visitorauth.application.port.in.ListUsersUseCase.ListUsersQuery(
                w.workspace, "", 100, Optional.empty())).orElseThrow().users()).hasSize(1);
        var user = w.auth.getUser().getUser(w.workspace, "new-user").orElseThrow();
        assertThat(user.visitorCount()).isEqualTo(THREADS);
        assertThat(user.visitors()).hasSize(Math.min(THREADS, 20));
    }

    @Test
    void sameJtiFromManyThreadsIsAcceptedOnce() throws Exception {
        TestWorld w = new TestWorld();
        String token = w.tokens.tokenFor("u1", Mothers.named("Ada"), Optional.empty(), Optional.of("once"), Mothers.NOW);
        java.util.concurrent.atomic.AtomicInteger device = new java.util.concurrent.atomic.AtomicInteger();
        List<Result<StartedSession>> results = race(() -> w.auth.startSession().startSession(
                new dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand(w.widget, Optional.empty(),
                        Optional.of(token), Optional.empty(), "10.0.1." + device.incrementAndGet())));
        assertThat(results.stream().filter(Result::isOk)).hasSize(1);
        assertThat(results.stream().filter(r -> !r.isOk()))
                .allSatisfy(r -> assertThat(((Result.Refused<?>) r).refusal().code()).isEqualTo(ErrorCode.TOKEN_REPLAYED));
    }
}
