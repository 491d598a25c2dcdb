package dev.visitorauth.application.memory;

import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions for the in-memory stores: one global lock makes every transaction serializable,
 * and an undo log per transaction rolls back its writes on a refusal or an exception. Nested
 * calls join the outer transaction. Meant for tests and single-process embedding hosts.
 */
public final class InMemoryTransactions implements TransactionPort {
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undo = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

    @Override
    public <T> Result<T> inTransaction(Supplier<Result<T>> work) {
        List<Runnable> committedTasks;
        Result<T> result;
        lock.lock();
        try {
            if (undo.get() != null) {
                return work.get();
            }
            Deque<Runnable> log = new ArrayDeque<>();
            List<Runnable> tasks = new ArrayList<>();
            undo.set(log);
            afterCommit.set(tasks);
            boolean committed = false;
            try {
                result = work.get();
                committed = result.isOk();
            } finally {
                undo.remove();
                afterCommit.remove();
                if (!committed) {
                    log.forEach(Runnable::run);
                }
            }
            committedTasks = tasks;
        } finally {
            lock.unlock();
        }
        if (result.isOk()) {
            committedTasks.forEach(InMemoryTransactions::runQuietly);
        }
        return result;
    }

    /** Runs {@code action} atomically with respect to transactions (joining one if present). */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} after the thread's transaction commits, outside the lock (never when it rolls
     * back), or at once outside a transaction. Exceptions of the task are swallowed.
     */
    void afterCommit(Runnable task) {
        List<Runnable> tasks = afterCommit.get();
        if (tasks != null) {
            tasks.add(task);
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
        Deque<Runnable> log = undo.get();
        if (log != null) {
            log.push(undoAction);
        }
    }
}
