package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public abstract class FailureRateLimitContractTest extends StoreContract {
    protected final Instant t0 = Instant.parse("2026-03-01T12:00:00.250Z");

    /** A limiter of this store allowing {@code limit} failures per widget and client in {@code window}. */
    protected abstract FailureRateLimitPort failureLimiter(int limit, Duration window);

    protected FailureRateLimitPort limiter(int limit) {
        return failureLimiter(limit, Duration.ofSeconds(60));
    }

    @Test
    void aClientWithinItsBudgetIsNotBlocked() {
        FailureRateLimitPort limiter = limiter(3);
        WidgetId widget = TestData.widgetId();

        assertThat(limiter.blockedFor(widget, "198.51.100.7", t0)).isEmpty();
        assertThat(limiter.recordFailure(widget, "198.51.100.7", t0)).isEmpty();
        assertThat(limiter.recordFailure(widget, "198.51.100.7", t0.plusSeconds(1))).isEmpty();
        assertThat(limiter.blockedFor(widget, "198.51.100.7", t0.plusSeconds(1))).isEmpty();
    }

    @Test
    void theLimitthFailureBlocksTheClientUntilItsWindowEnds() {
        FailureRateLimitPort limiter = limiter(3);
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
        FailureRateLimitPort limiter = limiter(2);
        WidgetId widget = TestData.widgetId();
        limiter.recordFailure(widget, "client", t0);
        limiter.recordFailure(widget, "client", t0);

        assertThat(limiter.recordFailure(widget, "client", t0.plusSeconds(61))).isEmpty();
        assertThat(limiter.blockedFor(widget, "client", t0.plusSeconds(61))).isEmpty();
        assertThat(limiter.recordFailure(widget, "client", t0.plusSeconds(62))).contains(Duration.ofSeconds(59));
    }

    @Test
    void clientsAndWidgetsAreCountedSeparately() {
        FailureRateLimitPort limiter = limiter(1);
        WidgetId widget = TestData.widgetId();

        assertThat(limiter.recordFailure(widget, "a", t0)).isPresent();
        assertThat(limiter.blockedFor(widget, "b", t0)).isEmpty();
        assertThat(limiter.blockedFor(TestData.widgetId(), "a", t0)).isEmpty();
    }

    @Test
    void theDefaultAllowsThirtyFailuresAMinute() {
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 29; i++) {
            assertThat(store.rateLimit().recordFailure(widget, "client", t0.plusMillis(i))).isEmpty();
        }

        assertThat(store.rateLimit().recordFailure(widget, "client", t0.plusSeconds(1))).contains(Duration.ofSeconds(59));
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        FailureRateLimitPort limiter = limiter(20);
        WidgetId widget = TestData.widgetId();

        Concurrently.run(19, n -> limiter.recordFailure(widget, "burst", t0));

        assertThat(limiter.blockedFor(widget, "burst", t0)).isEmpty();
        assertThat(limiter.recordFailure(widget, "burst", t0)).contains(Duration.ofSeconds(60));
    }

}
