package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.RateLimitPort.Budget;
import dev.visitorauth.application.port.out.RateLimitPort.Limit;
import dev.visitorauth.application.port.out.RateLimitPort.RequestLimits;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request limits ({@code RateLimitPort}): fixed windows per limit and key. */
public abstract class RequestLimitContractTest extends StoreContract {
    protected final Instant t0 = Instant.parse("2026-03-01T12:00:00.250Z");

    /** A limiter of this store (in its transactions) with these budgets. */
    protected abstract RateLimitPort requestLimiter(RequestLimits limits);

    protected RateLimitPort limiter() {
        return requestLimiter(new RequestLimits(new Budget(3, Duration.ofMinutes(1)),
                new Budget(2, Duration.ofHours(1)), new Budget(5, Duration.ofMinutes(1))));
    }

    @Test
    void aKeyMayMakeItsBudgetOfRequestsThenWaitsForTheWindowToEnd() {
        RateLimitPort limiter = limiter();
        String key = TestData.id("client");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0.plusSeconds(i))).isEmpty();
        }

        assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0.plusSeconds(10))).contains(Duration.ofSeconds(50));
        assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0.plusSeconds(59))).contains(Duration.ofSeconds(1));
        assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0.plusSeconds(60))).isEmpty();
    }

    @Test
    void eachLimitHasItsOwnBudgetAndWindow() {
        RateLimitPort limiter = limiter();
        String key = TestData.id("owner");
        limiter.acquire(Limit.CONVERSATIONS, key, t0);
        limiter.acquire(Limit.CONVERSATIONS, key, t0);

        assertThat(limiter.acquire(Limit.CONVERSATIONS, key, t0.plusSeconds(60))).contains(Duration.ofMinutes(59));
        assertThat(limiter.acquire(Limit.MESSAGES, key, t0)).isEmpty();
        assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();
    }

    @Test
    void keysAreCountedSeparately() {
        RateLimitPort limiter = limiter();
        String a = TestData.id("a");
        for (int i = 0; i < 3; i++) {
            limiter.acquire(Limit.NEW_VISITORS, a, t0);
        }

        assertThat(limiter.acquire(Limit.NEW_VISITORS, a, t0)).isPresent();
        assertThat(limiter.acquire(Limit.NEW_VISITORS, TestData.id("b"), t0)).isEmpty();
    }

    @Test
    void aCountInsideATransactionThatRollsBackIsUndone() {
        RateLimitPort limiter = limiter();
        String key = TestData.id("client");
        for (int i = 0; i < 3; i++) {
            Result<Object> rolledBack = store.transactions().inTransaction(() -> {
                assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();
                return Result.refused(ErrorCode.INVALID_REQUEST, "roll back");
            });
            assertThat(rolledBack.isOk()).isFalse();
        }

        assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();
    }

    @Test
    void concurrentRequestsAreAllCountedAndNoMoreThanTheBudgetPass() throws Exception {
        RateLimitPort limiter = limiter();
        String key = TestData.id("burst");

        List<Optional<Duration>> answers = Concurrently.run(12, n -> limiter.acquire(Limit.MESSAGES, key, t0));

        assertThat(answers.stream().filter(Optional::isEmpty).count()).isEqualTo(5);
    }

}
