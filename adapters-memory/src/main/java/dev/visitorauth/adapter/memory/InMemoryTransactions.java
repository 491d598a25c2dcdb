package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions for the in-memory store: one global lock makes every transaction serializable (a
 * read on another thread waits for the commit or rollback, so it never sees uncommitted writes), and
 * an undo log per transaction rolls back its writes on a refusal or an exception. A nested call joins
 * the outer transaction; if it throws, the transaction is marked rollback-only, as the JDBC store
 * does, so an outer call that swallows the exception and returns {@code Ok} still rolls back and
 * throws {@link IllegalStateException}. Meant for tests and single-process embedding hosts.
 */
public final class InMemoryTransactions implements TransactionPort {
    private static final class Tx {
        final Deque<Runnable> undo = new ArrayDeque<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        boolean rollbackOnly;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    @Override
    public <T> Result<T> inTransaction(Supplier<Result<T>> work) {
        Objects.requireNonNull(work, "work");
        List<Runnable> committedTasks;
        Result<T> result;
        lock.lock();
        try {
            Tx joined = current.get();
            if (joined != null) {
                try {
                    return Objects.requireNonNull(work.get(), "the work returned null");
                } catch (RuntimeException | Error e) {
                    joined.rollbackOnly = true;
                    throw e;
                }
            }
            Tx tx = new Tx();
            current.set(tx);
            boolean committed = false;
            try {
                result = Objects.requireNonNull(work.get(), "the work returned null");
                committed = result.isOk() && !tx.rollbackOnly;
            } finally {
                current.remove();
                if (!committed) {
                    tx.undo.forEach(Runnable::run);
                }
            }
            if (result.isOk() && !committed) {
                throw new IllegalStateException("rolled back: a nested call threw and marked the transaction rollback-only");
            }
            committedTasks = tx.afterCommit;
        } finally {
            lock.unlock();
        }
        if (result.isOk()) {
            committedTasks.forEach(InMemoryTransactions::runQuietly);
        }
        return result;
    }

    /**
     * Runs {@code action} atomically with respect to transactions (joining one if present). An
     * exception of the action marks the thread's transaction rollback-only, as a failed statement
     * does in the JDBC store.
     */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } catch (RuntimeException | Error e) {
            Tx tx = current.get();
            if (tx != null) {
                tx.rollbackOnly = true;
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} after the thread's transaction commits, outside the lock (never when it rolls
     * back), or at once outside a transaction. Exceptions of the task are swallowed.
     */
    void afterCommit(Runnable task) {
        Tx tx = current.get();
        if (tx != null) {
            tx.afterCommit.add(task);
        } else {
            runQuietly(task);
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException ignored) {
            // a wake-up signal failing never fails the committed use case
        }
    }

    /** Registers how to undo a write; a no-op outside a transaction (the write is then final). */
    void onRollback(Runnable undoAction) {
        Tx tx = current.get();
        if (tx != null) {
            tx.undo.push(undoAction);
        }
    }
}
