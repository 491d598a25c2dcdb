package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.visitorauth.application.port.out.EventSignalsPort;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "nodes" (two persistence instances) on one PostgreSQL: an append committed on one wakes the
 * other's readers through {@code LISTEN}/{@code NOTIFY}; after PostgreSQL restarts, the listener
 * reconnects by itself and tells its readers to re-read.
 */
class PostgresEventListenerTest {
    @TempDir
    Path directory;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(directory.resolve("pg")).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anAppendOnOneNodeWakesTheOtherAndTheListenerSurvivesARestart() throws Exception {
        int port = freePort();
        EmbeddedPostgres pg = startPostgres(port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        HikariDataSource poolA = TestDatabase.pool(url, null, null);
        HikariDataSource poolB = TestDatabase.pool(url, null, null);
        poolA.setConnectionTimeout(2_000);
        poolB.setConnectionTimeout(2_000);
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(new byte[32]);
        JdbcPersistence nodeA = JdbcPersistence.create(poolA, cipher);
        JdbcPersistence nodeB = JdbcPersistence.builder(poolB, cipher).migrate(false).build();
        List<WorkspaceId> wokenOnA = new CopyOnWriteArrayList<>();
        AtomicInteger missedOnA = new AtomicInteger();
        nodeA.events().subscribe(new EventSignalsPort.Listener() {
            @Override
            public void appended(WorkspaceId workspaceId) {
                wokenOnA.add(workspaceId);
            }

            @Override
            public void mayHaveMissedSignals() {
                missedOnA.incrementAndGet();
            }
        });
        PostgresEventListener listener = PostgresEventListener.start(nodeA.events(), nodeA.widgetChanges(), () -> DriverManager.getConnection(url),
                Duration.ofMillis(50), Duration.ofMillis(500));
        try {
            await("the first LISTEN", listener::isListening);
            // the listener says it listens just before it signals readers to re-read: wait for the signal too
            await("the first missed-signals signal", () -> missedOnA.get() >= 1);
            assertThat(missedOnA).hasValue(1);
            WorkspaceId ws = TestData.workspaceId();

            appendOn(nodeB, ws);
            await("node A woken by node B's commit", () -> wokenOnA.contains(ws));

            pg.close();
            await("the listener noticing the stop", () -> !listener.isListening());
            pg = startPostgres(port);
            await("the LISTEN again", () -> listener.connections() == 2 && listener.isListening());
            await("the second missed-signals signal", () -> missedOnA.get() >= 2);
            assertThat(missedOnA).hasValue(2);

            WorkspaceId after = TestData.workspaceId();
            appendOnWithRetry(nodeB, after);
            await("node A woken after the restart", () -> wokenOnA.contains(after));
        } finally {
            listener.close();
            poolA.close();
            poolB.close();
            pg.close();
        }
    }

    private static void appendOn(JdbcPersistence node, WorkspaceId ws) {
        node.transactions().inTransaction(() -> {
            node.events().append(new NewEvent(ws, EventType.USER_ERASED, java.time.Instant.now(),
                    new EventAudience.WorkspaceOnly(), EventData.builder().string("userId", "u").build()));
            return Result.ok(true);
        });
    }

    /** The pool may still hold connections of the stopped server: the first use can fail once. */
    private static void appendOnWithRetry(JdbcPersistence node, WorkspaceId ws) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                appendOn(node, ws);
                return;
            } catch (RuntimeException e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
