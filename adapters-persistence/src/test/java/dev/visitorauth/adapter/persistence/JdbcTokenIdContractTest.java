package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.contract.TokenIdContractTest;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The token-id contract on a JDBC store, and how the JDBC registry keeps its rows. */
abstract class JdbcTokenIdContractTest extends TokenIdContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();
    private final WorkspaceId ws = TestData.workspaceId();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Test
    void longIdsAreStoredByHash() throws Exception {
        WidgetId widget = TestData.widgetId();
        String longJti = "j".repeat(8_000);

        store.tokenIds().consume(ws, widget, longJti, clock.instant().plusSeconds(30));

        assertThat(jdbc.rawValue("SELECT jti_hash FROM consumed_token_ids WHERE workspace_id = ? AND widget_id = ? AND jti_hash = ?",
                ws.value(), widget.value(), Jdbc.sha256Hex(longJti))).isNotNull();
    }

    @Test
    void expiredIdsAreDeletedOpportunistically() throws Exception {
        WidgetId widget = TestData.widgetId();
        for (int i = 0; i < 10; i++) {
            store.tokenIds().consume(ws, widget, "old-" + i, clock.instant().plusSeconds(30));
        }
        clock.advance(Duration.ofHours(1));

        for (int i = 0; i < JdbcTokenIdRegistry.PRUNE_EVERY; i++) {
            store.tokenIds().consume(ws, widget, "new-" + i, clock.instant().plusSeconds(30));
        }

        assertThat(jdbc.rawCount("SELECT COUNT(*) FROM consumed_token_ids WHERE workspace_id = ? AND widget_id = ?",
                ws.value(), widget.value())).isEqualTo(JdbcTokenIdRegistry.PRUNE_EVERY);
    }
}
