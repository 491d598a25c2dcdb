package dev.visitorauth.application.memory;

import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.Result;
import java.util.ArrayDeque;
import java.util.Deque;
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

    @Override
    public <T> Result<T> inTransaction(Supplier<Result<T>> work) {
        lock.lock();
        try {
            if (undo.get() != null) {
                return work.get();
            }
            Deque<Runnable> log = new ArrayDeque<>();
            undo.set(log);
            boolean committed = false;
            try {
                Result<T> result = work.get();
                committed = result.isOk();
                return result;
            } finally {
                undo.remove();
                if (!committed) {
                    log.forEach(Runnable::run);
                }
            }
        } finally {
            lock.unlock();
        }
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

    /** Registers how to undo a write; a no-op outside a transaction (the write is then final). */
    void onRollback(Runnable undoAction) {
        Deque<Runnable> log = undo.get();
        if (log != null) {
            log.push(undoAction);
        }
    }
}
