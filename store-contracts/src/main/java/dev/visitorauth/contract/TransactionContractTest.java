package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

public abstract class TransactionContractTest extends StoreContract {

    private Workspace newWorkspace() {
        return TestData.workspace(clock.instant());
    }

    private boolean stored(Workspace w) {
        return store.loadWorkspaces().findWorkspace(w.id()).isPresent();
    }

    @Test
    void commitsWhenTheWorkReturnsOk() {
        Workspace w = newWorkspace();

        Result<String> result = store.transactions().inTransaction(() -> {
            store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
            return Result.ok("done");
        });

        assertThat(result).isEqualTo(Result.ok("done"));
        assertThat(stored(w)).isTrue();
    }

    @Test
    void rollsBackWhenTheWorkIsRefused() {
        Workspace w = newWorkspace();

        Result<String> result = store.transactions().inTransaction(() -> {
            store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
            return Result.refused(ErrorCode.TOKEN_REQUIRED, "no token");
        });

        assertThat(result.isOk()).isFalse();
        assertThat(stored(w)).isFalse();
    }

    @Test
    void rollsBackAndRethrowsWhenTheWorkThrows() throws Exception {
        Workspace w = newWorkspace();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
            store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
            throw boom;
        })).isSameAs(boom);

        assertThat(stored(w)).isFalse();
        // the thread is out of the failed transaction: a write now commits at once, for every thread to see
        store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
        assertThat(CompletableFuture.supplyAsync(() -> stored(w)).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void nestedCallsJoinTheOuterTransaction() {
        Workspace outer = newWorkspace();
        Workspace inner = newWorkspace();

        Result<String> result = store.transactions().inTransaction(() -> {
            store.saveWorkspaces().createWorkspace(outer, TestData.randomHash());
            Result<Boolean> nested = store.transactions().inTransaction(() -> {
                store.saveWorkspaces().createWorkspace(inner, TestData.randomHash());
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

        assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
            store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
            try {
                store.transactions().inTransaction(() -> {
                    throw new IllegalArgumentException("inner failure");
                });
            } catch (IllegalArgumentException swallowed) {
                // the outer work carries on as if nothing happened
            }
            return Result.ok("ok");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback-only");

        assertThat(stored(w)).isFalse();
    }

    /**
     * A read on another thread while the transaction is open does not see its write: on a store that
     * reads the committed state it answers at once, on one whose reads wait for the transaction to end
     * (the in-memory store's one lock) it answers after the rollback. Either way, never the uncommitted row.
     */
    @Test
    void uncommittedWritesAreInvisibleToOtherTransactions() throws Exception {
        Workspace w = newWorkspace();
        List<CompletableFuture<Boolean>> reads = new ArrayList<>();

        store.transactions().inTransaction(() -> {
            store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
            CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> stored(w));
            reads.add(read);
            try {
                read.get(2, TimeUnit.SECONDS); // a store whose reads wait for the transaction times out here
            } catch (TimeoutException | InterruptedException | ExecutionException waits) {
                // the read answers after the rollback
            }
            return Result.refused(ErrorCode.INVALID_CLAIM, "roll back");
        });

        assertThat(reads.get(0).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(stored(w)).isFalse();
    }

    @Test
    void aCommittedWriteIsSeenByOtherThreads() throws Exception {
        Workspace w = newWorkspace();

        store.transactions().inTransaction(() -> {
            store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
            return Result.ok(true);
        });

        assertThat(CompletableFuture.supplyAsync(() -> stored(w)).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void repositoryCallsOutsideATransactionCommitAtOnce() throws Exception {
        Workspace w = newWorkspace();

        store.saveWorkspaces().createWorkspace(w, TestData.randomHash());

        assertThat(CompletableFuture.supplyAsync(() -> stored(w)).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void creatingAWorkspaceWhoseIdExistsFailsAndKeepsTheFirst() {
        Workspace w = newWorkspace();
        String first = TestData.randomHash();
        store.saveWorkspaces().createWorkspace(w, first);

        assertThatThrownBy(() -> store.saveWorkspaces().createWorkspace(w, TestData.randomHash()))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.loadWorkspaces().findApiKeyHash(w.id())).contains(first);
    }
}
