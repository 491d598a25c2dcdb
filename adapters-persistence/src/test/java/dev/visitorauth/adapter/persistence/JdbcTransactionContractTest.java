package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.TestData;
import dev.visitorauth.contract.TransactionContractTest;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.Workspace;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The transaction contract on a JDBC store, and what only a database has: errors, connections, migrations. */
abstract class JdbcTransactionContractTest extends TransactionContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    private Workspace newWorkspace() {
        return TestData.workspace(clock.instant());
    }

    @Test
    void aBrokenConstraintIsAPersistenceErrorWithoutSqlInItsMessage() {
        Workspace w = newWorkspace();
        store.saveWorkspaces().createWorkspace(w, TestData.randomHash());

        assertThatThrownBy(() -> store.saveWorkspaces().createWorkspace(w, TestData.randomHash()))
                .isInstanceOf(PersistenceException.class)
                .isNotInstanceOf(PersistenceUnavailableException.class)
                .hasMessage("storage error");
    }

    @Test
    void manySequentialTransactionsReleaseTheirConnections() {
        for (int i = 0; i < TestDatabase.POOL_SIZE * 3; i++) {
            Workspace w = newWorkspace();
            boolean commit = i % 2 == 0;
            store.transactions().inTransaction(() -> {
                store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
                return commit ? Result.ok(w) : Result.refused(ErrorCode.INVALID_CLAIM, "odd");
            });
        }
        // with leaked connections the pool would be exhausted well before this point
        assertThat(jdbc.db.transactions().isInTransaction()).isFalse();
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        long before = jdbc.rawCount("SELECT COUNT(*) FROM flyway_schema_history");

        JdbcPersistence.migrate(jdbc.dataSource());

        assertThat(jdbc.rawCount("SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(before);
        assertThat(jdbc.rawValue("SELECT MAX(version) FROM flyway_schema_history")).hasToString("9");
    }
}
