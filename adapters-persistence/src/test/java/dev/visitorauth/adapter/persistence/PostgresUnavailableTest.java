package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.Workspace;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL of its own, stopped under a running pool: calls fail fast as
 * {@link PersistenceUnavailableException}, and work again once it is back on the same data.
 */
class PostgresUnavailableTest {
    @TempDir
    Path dataDir;

    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static <T> T retryWhileUnavailable(java.util.function.Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (PersistenceUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aStoppedDatabaseIsUnavailableAndARestartedOneServesItsDataAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(port);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres") + "&connectTimeout=2&socketTimeout=10");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(1_000);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            JdbcPersistence db = JdbcPersistence.create(ds, new AesGcmSecretCipher(new byte[32]));
            Workspace w = new Workspace(TestData.workspaceId(), "Acme", java.time.Instant.parse("2026-01-01T00:00:00Z"));
            db.workspaces().createWorkspace(w, TestData.randomHash());

            pg.close();

            long start = System.nanoTime();
            assertThatThrownBy(() -> db.workspaces().findWorkspace(w.id()))
                    .isInstanceOf(PersistenceUnavailableException.class)
                    .hasMessage("storage unavailable");
            assertThatThrownBy(() -> db.transactions().inTransaction(() -> Result.ok(db.workspaces().findWorkspace(w.id()))))
                    .isInstanceOf(PersistenceUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            pg = start(port);
            try {
                // A pooled connection the shutdown broke may fail once more, as unavailable; a client
                // retries on 503 and gets the data, which the restart kept.
                assertThat(retryWhileUnavailable(() -> db.workspaces().findWorkspace(w.id()))).contains(w);
            } finally {
                pg.close();
            }
        }
    }
}
