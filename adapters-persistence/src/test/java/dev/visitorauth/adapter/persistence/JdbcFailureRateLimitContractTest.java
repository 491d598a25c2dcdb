package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.contract.FailureRateLimitContractTest;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.widget.WidgetId;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The failure rate limit contract on a JDBC store (fixed windows in the shared database), and its hashed keys. */
abstract class JdbcFailureRateLimitContractTest extends FailureRateLimitContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Override
    protected FailureRateLimitPort failureLimiter(int limit, Duration window) {
        return new JdbcFailureRateLimiter(jdbc.db.transactions(), limit, window);
    }

    @Test
    void clientKeysAreNotStoredInClear() throws Exception {
        FailureRateLimitPort limiter = limiter(5);
        WidgetId widget = TestData.widgetId();

        limiter.recordFailure(widget, "203.0.113.9", t0);

        assertThat(jdbc.rawValue("SELECT client_key_hash FROM failure_rate_limits WHERE widget_id = ?", widget.value()))
                .isEqualTo(Jdbc.sha256Hex("203.0.113.9"));
    }
}
