package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.RateLimitPort.Limit;
import dev.visitorauth.contract.Concurrently;
import dev.visitorauth.contract.DataPurgeContractTest;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The data-lifecycle contract on a JDBC store: the rows it leaves, and two nodes purging at once. */
abstract class JdbcDataPurgeContractTest extends DataPurgeContractTest {
    private static final int BATCH = 1000;
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();
    private final WorkspaceId ws = TestData.workspaceId();
    private final WidgetId widget = TestData.widgetId();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Test
    void forgottenTokenIdsLeaveNoRow() {
        Instant now = clock.instant();
        Instant longExpired = now.minus(JdbcTokenIdRegistry.EXPIRY_MARGIN).minusSeconds(1);
        Instant justExpired = now.minusSeconds(1);
        store.tokenIds().consume(ws, widget, "old", longExpired);
        store.tokenIds().consume(ws, widget, "recent", justExpired);

        store.purge().deleteExpiredTokenIds(now, BATCH);

        assertThat(rawCountOf("old")).isZero();
        assertThat(rawCountOf("recent")).isOne();
    }

    private long rawCountOf(String jti) {
        try {
            return jdbc.rawCount("SELECT COUNT(*) FROM consumed_token_ids WHERE workspace_id = ? AND jti_hash = ?", ws.value(),
                    Jdbc.sha256Hex(jti));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void endedRateLimitWindowsAreDeletedAndRunningOnesKept() throws Exception {
        Instant now = clock.instant();
        String ended = TestData.id("ended");
        String running = TestData.id("running");
        String hourly = TestData.id("hourly");
        store.requestLimits().acquire(Limit.NEW_VISITORS, ended, now.minusSeconds(61));
        store.requestLimits().acquire(Limit.NEW_VISITORS, running, now.minusSeconds(30));
        store.requestLimits().acquire(Limit.CONVERSATIONS, hourly, now.minusSeconds(61));
        store.rateLimit().recordFailure(widget, "ended-client", now.minusSeconds(61));
        store.rateLimit().recordFailure(widget, "running-client", now.minusSeconds(30));

        store.purge().deleteEndedRateLimitWindows(now, BATCH);

        assertThat(windows("rate_limits", "key_hash", Jdbc.sha256Hex(ended))).isZero();
        assertThat(windows("rate_limits", "key_hash", Jdbc.sha256Hex(running))).isOne();
        assertThat(windows("rate_limits", "key_hash", Jdbc.sha256Hex(hourly))).isOne();
        assertThat(windows("failure_rate_limits", "client_key_hash", Jdbc.sha256Hex("ended-client"))).isZero();
        assertThat(windows("failure_rate_limits", "client_key_hash", Jdbc.sha256Hex("running-client"))).isOne();
    }

    private long windows(String table, String column, String hash) throws Exception {
        return jdbc.rawCount("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", hash);
    }

    @Test
    void purgesOnTwoNodesAtOnceDeleteEveryRowOnceWithoutFailing() throws Exception {
        Instant now = clock.instant();
        drainSessions(now);
        JdbcPersistence otherNode = JdbcPersistence.builder(jdbc.dataSource(), jdbc.cipher).clock(clock).migrate(false).build();
        VisitorId visitor = TestData.visitorId();
        int rows = 600;
        for (int i = 0; i < rows; i++) {
            session(visitor, now.minusSeconds(10));
        }

        List<Integer> deleted = Concurrently.run(8, n -> {
            JdbcDataPurge purge = n % 2 == 0 ? jdbc.db.purge() : otherNode.purge();
            int total = 0;
            for (int got = purge.deleteExpiredSessions(now, 50); got > 0; got = purge.deleteExpiredSessions(now, 50)) {
                total += got;
            }
            return total;
        });

        assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows);
        assertThat(jdbc.rawCount("SELECT COUNT(*) FROM sessions WHERE visitor_id = ?", visitor.value())).isZero();
    }
}
