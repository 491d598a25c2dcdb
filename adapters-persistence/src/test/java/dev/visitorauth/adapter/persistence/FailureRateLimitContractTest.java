package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

abstract class FailureRateLimitContractTest extends DatabaseContract {
    private final Instant t0 = Instant.parse("2026-03-01T12:00:00.250Z");

    private JdbcFailureRateLimiter limiter(int limit) {
        return new JdbcFailureRateLimiter(db.transactions(), limit, Duration.ofSeconds(60));
    }

    @Test
    void aClientWithinItsBudgetIsNotBlocked() {
        JdbcFailureRateLimiter limiter = limiter(3);
        WidgetId widget = TestData.widgetId();

        assertThat(limiter.blockedFor(widget, "198.51.100.7", t0)).isEmpty();
        assertThat(limiter.recordFailure(widget, "198.51.100.7", t0)).isEmpty();
        assertThat(limiter.recordFailure(widget, "198.51.100.7", t0.plusSeconds(1))).isEmpty();
        assertThat(limiter.blockedFor(widget, "198.51.100.7", t0.plusSeconds(1))).isEmpty();
    }

    @Test
    void theLimitthFailureBlocksTheClientUntilItsWindowEnds() {
        JdbcFailureRateLimiter limiter = limiter(3);
        WidgetId widget = TestData.widgetId();
        limiter.recordFailure(widget, "client", t0);
        limiter.recordFailure(widget, "client", t0.plusSeconds(1));

        Optional<Duration> third = limiter.recordFailure(widget, "client", t0.plusSeconds(2));

        assertThat(third).contains(Duration.ofSeconds(58));
        assertThat(limiter.blockedFor(widget, "client", t0.plusSeconds(10))).contains(Duration.ofSeconds(50));
        assertThat(limiter.blockedFor(widget, "client", t0.plusSeconds(59).plusMillis(999)))
                .hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(limiter.blockedFor(widget, "client", t0.plusSeconds(60))).isEmpty();
    }

    @Test
    void aNewWindowStartsAfterTheOldOneEnds() {
        JdbcFailureRateLimiter limiter = limiter(2);
        WidgetId widget = TestData.widgetId();
        limiter.recordFailure(widget, "client", t0);
        limiter.recordFailure(widget, "client", t0);

        assertThat(limiter.recordFailure(widget, "client", t0.plusSeconds(61))).isEmpty();
        assertThat(limiter.blockedFor(widget, "client", t0.plusSeconds(61))).isEmpty();
        assertThat(limiter.recordFailure(widget, "client", t0.plusSeconds(62))).contains(Duration.ofSeconds(59));
    }

    @Test
    void clientsAndWidgetsAreCountedSeparately() {
        JdbcFailureRateLimiter limiter = limiter(1);
        WidgetId widget = TestData.widgetId();

        assertThat(limiter.recordFailure(widget, "a", t0)).isPresent();
        assertThat(limiter.blockedFor(widget, "b", t0)).isEmpty();
        assertThat(limiter.blockedFor(TestData.widgetId(), "a", t0)).isEmpty();
    }

    @Test
    void theDefaultAllowsThirtyFailuresAMinute() {
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 29; i++) {
            assertThat(db.failureRateLimiter().recordFailure(widget, "client", t0.plusMillis(i))).isEmpty();
        }

        assertThat(db.failureRateLimiter().recordFailure(widget, "client", t0.plusSeconds(1))).contains(Duration.ofSeconds(59));
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        JdbcFailureRateLimiter limiter = limiter(20);
        WidgetId widget = TestData.widgetId();

        Concurrently.run(19, n -> limiter.recordFailure(widget, "burst", t0));

        assertThat(limiter.blockedFor(widget, "burst", t0)).isEmpty();
        assertThat(limiter.recordFailure(widget, "burst", t0)).contains(Duration.ofSeconds(60));
    }

    @Test
    void clientKeysAreNotStoredInClear() throws Exception {
        JdbcFailureRateLimiter limiter = limiter(5);
        WidgetId widget = TestData.widgetId();

        limiter.recordFailure(widget, "203.0.113.9", t0);

        assertThat(rawValue("SELECT client_key_hash FROM failure_rate_limits WHERE widget_id = ?", widget.value()))
                .isEqualTo(Jdbc.sha256Hex("203.0.113.9"));
    }
}
