package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.Workspace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

abstract class TransactionContractTest extends DatabaseContract {

    private Workspace newWorkspace() {
        return TestData.workspace(clock.instant());
    }

    private boolean stored(Workspace w) {
        return db.workspaces().findWorkspace(w.id()).isPresent();
    }

    @Test
    void commitsWhenTheWorkReturnsOk() {
        Workspace w = newWorkspace();

        Result<String> result = db.transactions().inTransaction(() -> {
            db.workspaces().createWorkspace(w, TestData.randomHash());
            return Result.ok("done");
        });

        assertThat(result).isEqualTo(Result.ok("done"));
        assertThat(stored(w)).isTrue();
    }

    @Test
    void rollsBackWhenTheWorkIsRefused() {
        Workspace w = newWorkspace();

        Result<String> result = db.transactions().inTransaction(() -> {
            db.workspaces().createWorkspace(w, TestData.randomHash());
            return Result.refused(ErrorCode.TOKEN_REQUIRED, "no token");
        });

        assertThat(result.isOk()).isFalse();
        assertThat(stored(w)).isFalse();
    }

    @Test
    void rollsBackAndRethrowsWhenTheWorkThrows() {
        Workspace w = newWorkspace();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> db.transactions().inTransaction(() -> {
            db.workspaces().createWorkspace(w, TestData.randomHash());
            throw boom;
        })).isSameAs(boom);

        assertThat(stored(w)).isFalse();
        assertThat(db.transactions().isInTransaction()).isFalse();
    }

    @Test
    void nestedCallsJoinTheOuterTransaction() {
        Workspace outer = newWorkspace();
        Workspace inner = newWorkspace();

        Result<String> result = db.transactions().inTransaction(() -> {
            db.workspaces().createWorkspace(outer, TestData.randomHash());
            Result<Boolean> nested = db.transactions().inTransaction(() -> {
                db.workspaces().createWorkspace(inner, TestData.randomHash());
                return Result.ok(stored(outer)); // sees the outer's uncommitted row: same connection
            });
            assertThat(nested).isEqualTo(Result.ok(true));
            return Result.refused(ErrorCode.INVALID_CLAIM, "outer refuses");
        });

        assertThat(result.isOk()).isFalse();
        assertThat(stored(outer)).isFalse();
        assertThat(stored(inner)).isFalse();
    }

    @Test
    void aNestedCallThatThrowsRollsBackTheWholeTransaction() {
        Workspace w = newWorkspace();

        assertThatThrownBy(() -> db.transactions().inTransaction(() -> {
            db.workspaces().createWorkspace(w, TestData.randomHash());
            try {
                db.transactions().inTransaction(() -> {
                    throw new IllegalArgumentException("inner failure");
                });
            } catch (IllegalArgumentException swallowed) {
                // the outer work carries on as if nothing happened
            }
            return Result.ok("ok");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback-only");

        assertThat(stored(w)).isFalse();
    }

    @Test
    void uncommittedWritesAreInvisibleToOtherTransactions() throws Exception {
        Workspace w = newWorkspace();

        db.transactions().inTransaction(() -> {
            db.workspaces().createWorkspace(w, TestData.randomHash());
            boolean seenElsewhere = CompletableFuture.supplyAsync(() -> stored(w)).orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(seenElsewhere).isFalse();
            return Result.ok(true);
        });

        assertThat(stored(w)).isTrue();
    }

    @Test
    void repositoryCallsOutsideATransactionCommitAtOnce() throws Exception {
        Workspace w = newWorkspace();

        db.workspaces().createWorkspace(w, TestData.randomHash());

        assertThat(CompletableFuture.supplyAsync(() -> stored(w)).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBrokenConstraintIsAPersistenceErrorWithoutSqlInItsMessage() {
        Workspace w = newWorkspace();
        db.workspaces().createWorkspace(w, TestData.randomHash());

        assertThatThrownBy(() -> db.workspaces().createWorkspace(w, TestData.randomHash()))
                .isInstanceOf(PersistenceException.class)
                .isNotInstanceOf(PersistenceUnavailableException.class)
                .hasMessage("storage error");
    }

    @Test
    void manySequentialTransactionsReleaseTheirConnections() {
        for (int i = 0; i < TestDatabase.POOL_SIZE * 3; i++) {
            Workspace w = newWorkspace();
            boolean commit = i % 2 == 0;
            db.transactions().inTransaction(() -> {
                db.workspaces().createWorkspace(w, TestData.randomHash());
                return commit ? Result.ok(w) : Result.refused(ErrorCode.INVALID_CLAIM, "odd");
            });
        }
        // with leaked connections the pool would be exhausted well before this point
        assertThat(db.transactions().isInTransaction()).isFalse();
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        long before = rawCount("SELECT COUNT(*) FROM flyway_schema_history");

        JdbcPersistence.migrate(dataSource());

        assertThat(rawCount("SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(before);
        assertThat(rawValue("SELECT MAX(version) FROM flyway_schema_history")).hasToString("9");
    }
}
