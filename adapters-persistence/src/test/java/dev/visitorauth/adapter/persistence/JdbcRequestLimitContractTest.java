package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.RateLimitPort.Budget;
import dev.visitorauth.application.port.out.RateLimitPort.Limit;
import dev.visitorauth.application.port.out.RateLimitPort.RequestLimits;
import dev.visitorauth.contract.RequestLimitContractTest;
import dev.visitorauth.contract.TestData;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The request-limit contract on a JDBC store, and what only the shared database does: hashed keys, budgets leased to nodes. */
abstract class JdbcRequestLimitContractTest extends RequestLimitContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Override
    protected RateLimitPort requestLimiter(RequestLimits limits) {
        return new JdbcRateLimiter(jdbc.db.transactions(), limits);
    }

    @Test
    void refusalsAreNotCounted() throws Exception {
        RateLimitPort limiter = limiter();
        String key = TestData.id("client");
        for (int i = 0; i < 10; i++) {
            limiter.acquire(Limit.NEW_VISITORS, key, t0);
        }

        assertThat(jdbc.rawCount("SELECT hits FROM rate_limits WHERE limit_name = 'new_visitors' AND key_hash = ?",
                Jdbc.sha256Hex(key))).isEqualTo(4);
    }

    @Test
    void addressesAreNotStoredInClear() throws Exception {
        limiter().acquire(Limit.NEW_VISITORS, "wgt_x\n203.0.113.9", t0);

        assertThat(jdbc.rawCount("SELECT COUNT(*) FROM rate_limits WHERE key_hash LIKE '%203.0.113.9%'")).isZero();
    }

    private JdbcRateLimiter node(int max) {
        return new JdbcRateLimiter(jdbc.db.transactions(), new RequestLimits(new Budget(max, Duration.ofMinutes(1)),
                new Budget(10, Duration.ofHours(1)), new Budget(60, Duration.ofMinutes(1))));
    }

    @Test
    void aLargeBudgetIsLeasedToEachNodeInSharesOfAThousandth() throws Exception {
        String key = TestData.id("load");

        assertThat(node(5000).acquire(Limit.NEW_VISITORS, key, t0)).isEmpty();

        assertThat(jdbc.rawCount("SELECT hits FROM rate_limits WHERE limit_name = 'new_visitors' AND key_hash = ?",
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
