package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort.AuthFailureLog;
import dev.visitorauth.contract.AuthFailureLogContractTest;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The failure-log contract on a JDBC store, and the JDBC log's configurable cap and pruning. */
abstract class JdbcAuthFailureLogContractTest extends AuthFailureLogContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Test
    void theLogKeepsOnlyTheNewestFailuresUpToItsCap() throws Exception {
        JdbcAuthFailureLog capped = new JdbcAuthFailureLog(jdbc.db.transactions(), clock, 5, Duration.ofDays(30), 1);
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 8; i++) {
            capped.recordAuthFailure(failure(ws, widget, i < 3 ? ErrorCode.MISSING_CLAIM : ErrorCode.INVALID_CLAIM,
                    clock.instant().plusSeconds(i)));
        }

        AuthFailureLog log = capped.recentAuthFailures(ws, widget, 100);

        assertThat(log.failures()).hasSize(5).allMatch(f -> f.code() == ErrorCode.INVALID_CLAIM);
        assertThat(log.countsByCode()).isEqualTo(Map.of(ErrorCode.INVALID_CLAIM, 5L));
        assertThat(jdbc.rawCount("SELECT COUNT(*) FROM auth_failures WHERE workspace_id = ? AND widget_id = ?",
                ws.value(), widget.value())).isEqualTo(5);
    }

    @Test
    void readsSeeTheCapEvenBeforePruning() {
        JdbcAuthFailureLog rarelyPruned = new JdbcAuthFailureLog(jdbc.db.transactions(), clock, 3, Duration.ofDays(30), 1_000_000);
        WorkspaceId ws = TestData.workspaceId();
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 6; i++) {
            rarelyPruned.recordAuthFailure(failure(ws, widget, ErrorCode.UNKNOWN_KEY, clock.instant().plusSeconds(i)));
        }

        AuthFailureLog log = rarelyPruned.recentAuthFailures(ws, widget, 100);

        assertThat(log.failures()).hasSize(3);
        assertThat(log.countsByCode()).containsEntry(ErrorCode.UNKNOWN_KEY, 3L);
    }
}
