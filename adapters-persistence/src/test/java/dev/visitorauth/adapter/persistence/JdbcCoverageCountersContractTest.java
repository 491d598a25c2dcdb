package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.CoverageCountersContractTest;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.widget.WidgetId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The coverage-counter contract on a JDBC store, and how a node writes its summed counts. */
abstract class JdbcCoverageCountersContractTest extends CoverageCountersContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Override
    protected void writePendingCounts() {
        jdbc.db.coverage().flush();
    }

    @Test
    void aNodeWritesItsCountsWithinTheFlushDelayWithoutBeingAsked() throws Exception {
        WidgetId widget = TestData.widgetId();
        count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());
        count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // the delay is 1 s; a loaded machine is slower
        long stored = 0;
        while (stored < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stored = jdbc.rawCount("SELECT COALESCE(SUM(starts), 0) FROM startup_counters WHERE widget_id = ?", widget.value());
        }
        assertThat(stored).isEqualTo(2);
    }

    @Test
    void closingThePersistenceWritesThePendingCounts() throws Exception {
        WidgetId widget = TestData.widgetId();
        count(widget, hour(0), "none", StartupOutcome.ANONYMOUS, Optional.empty());

        jdbc.db.close();

        assertThat(jdbc.rawCount("SELECT COALESCE(SUM(starts), 0) FROM startup_counters WHERE widget_id = ?", widget.value()))
                .isEqualTo(1);
    }
}
