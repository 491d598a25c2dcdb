package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

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

/** {@link JdbcRateLimiter}: fixed windows per limit and key, in the shared database. */
abstract class RequestLimitContractTest extends DatabaseContract {
    private final Instant t0 = Instant.parse("2026-03-01T12:00:00.250Z");

    private JdbcRateLimiter limiter() {
        return new JdbcRateLimiter(db.transactions(), new RequestLimits(new Budget(3, Duration.ofMinutes(1)),
                new Budget(2, Duration.ofHours(1)), new Budget(5, Duration.ofMinutes(1))));
    }

    @Test
    void aKeyMayMakeItsBudgetOfRequestsThenWaitsForTheWindowToEnd() {
        JdbcRateLimiter limiter = limiter();
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
        JdbcRateLimiter limiter = limiter();
        String key = TestData.id("owner");
        limiter.acquire(Limit.CONVERSATIONS, key, t0);
        limiter.acquire(Limit.CONVERSATIONS, key, t0);

        assertThat(limiter.acquire(Limit.CONVERSATIONS, key, t0.plusSeconds(60))).contains(Duration.ofMinutes(59));
        assertThat(limiter.acquire(Limit.MESSAGES, key, t0)).isEmpty();
        assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();
    }

    @Test
    void keysAreCountedSeparately() {
        JdbcRateLimiter limiter = limiter();
        String a = TestData.id("a");
        for (int i = 0; i < 3; i++) {
            limiter.acquire(Limit.NEW_VISITORS, a, t0);
        }

        assertThat(limiter.acquire(Limit.NEW_VISITORS, a, t0)).isPresent();
        assertThat(limiter.acquire(Limit.NEW_VISITORS, TestData.id("b"), t0)).isEmpty();
    }

    @Test
    void refusalsAreNotCounted() throws Exception {
        JdbcRateLimiter limiter = limiter();
        String key = TestData.id("client");
        for (int i = 0; i < 10; i++) {
            limiter.acquire(Limit.NEW_VISITORS, key, t0);
        }

        assertThat(rawCount("SELECT hits FROM rate_limits WHERE limit_name = 'new_visitors' AND key_hash = ?",
                Jdbc.sha256Hex(key))).isEqualTo(4);
    }

    @Test
    void aCountInsideATransactionThatRollsBackIsUndone() {
        JdbcRateLimiter limiter = limiter();
        String key = TestData.id("client");
        for (int i = 0; i < 3; i++) {
            Result<Object> rolledBack = db.transactions().inTransaction(() -> {
                assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();
                return Result.refused(ErrorCode.INVALID_REQUEST, "roll back");
            });
            assertThat(rolledBack.isOk()).isFalse();
        }

        assertThat(limiter.acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();
    }

    @Test
    void concurrentRequestsAreAllCountedAndNoMoreThanTheBudgetPass() throws Exception {
        JdbcRateLimiter limiter = limiter();
        String key = TestData.id("burst");

        List<Optional<Duration>> answers = Concurrently.run(12, n -> limiter.acquire(Limit.MESSAGES, key, t0));

        assertThat(answers.stream().filter(Optional::isEmpty).count()).isEqualTo(5);
    }

    @Test
    void addressesAreNotStoredInClear() throws Exception {
        limiter().acquire(Limit.NEW_VISITORS, "wgt_x\n203.0.113.9", t0);

        assertThat(rawCount("SELECT COUNT(*) FROM rate_limits WHERE key_hash LIKE '%203.0.113.9%'")).isZero();
    }

    private JdbcRateLimiter node(int max) {
        return new JdbcRateLimiter(db.transactions(), new RequestLimits(new Budget(max, Duration.ofMinutes(1)),
                new Budget(10, Duration.ofHours(1)), new Budget(60, Duration.ofMinutes(1))));
    }

    @Test
    void aLargeBudgetIsLeasedToEachNodeInSharesOfAThousandth() throws Exception {
        String key = TestData.id("load");

        assertThat(node(5000).acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();

        assertThat(rawCount("SELECT hits FROM rate_limits WHERE limit_name = 'new_visitors' AND key_hash = ?",
                Jdbc.sha256Hex(key))).isEqualTo(5);
    }

    @Test
    void twoNodesLeasingOneLargeBudgetTogetherPassExactlyTheBudget() {
        JdbcRateLimiter a = node(2000);
        JdbcRateLimiter b = node(2000);
        String key = TestData.id("load");
        int passed = 0;
        boolean aRefused = false;
        boolean bRefused = false;
        while (!(aRefused && bRefused)) {
            if (a.acquire(Limit.NEW_VISITORS, key, t0).isEmpty()) {
                passed++;
            } else {
                aRefused = true;
            }
            if (b.acquire(Limit.NEW_VISITORS, key, t0).isEmpty()) {
                passed++;
            } else {
                bRefused = true;
            }
        }

        assertThat(passed).isEqualTo(2000);
        assertThat(a.acquire(Limit.NEW_VISITORS, key, t0.plusSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(a.acquire(Limit.NEW_VISITORS, key, t0.plusSeconds(60))).isEmpty();
    }
}
