package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.Result;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Transactions over a {@link DataSource}, and the only way the repositories of this module get a
 * connection.
 *
 * <p>{@link #inTransaction} binds one connection to the calling thread for the duration of the
 * work (autocommit off, {@code READ COMMITTED}), commits when the work returns
 * {@link Result.Ok}, and rolls back when it returns {@link Result.Refused} or throws. A nested call
 * on the same thread joins the outer transaction: the outer call alone commits or rolls back. If a
 * nested call throws, the transaction is marked rollback-only, so an outer call that swallows the
 * exception and returns {@code Ok} still rolls back (and throws {@link IllegalStateException}).
 *
 * <p>Repository methods called outside {@code inTransaction} run on a short connection of their own:
 * autocommit for single statements, one short transaction for multi-statement writes.
 *
 * <p>{@link java.sql.SQLException}s become {@link PersistenceUnavailableException} (retry may help:
 * connectivity, timeouts, pool exhaustion, deadlocks) or {@link PersistenceException}.
 * Thread-safe.
 */
public final class JdbcTransactions implements TransactionPort {

    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final class Tx {
        final Connection connection;
        boolean rollbackOnly;
        final List<Runnable> afterCompletion = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        boolean committed;

        Tx(Connection connection) {
            this.connection = connection;
        }
    }

    private final DataSource dataSource;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private volatile Boolean defaultIsReadCommitted;
    private volatile Boolean postgres;

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public <T> Result<T> inTransaction(Supplier<Result<T>> work) {
        Objects.requireNonNull(work, "work");
        Tx joined = current.get();
        if (joined != null) {
            try {
                return Objects.requireNonNull(work.get(), "the work returned null");
            } catch (RuntimeException | Error e) {
                joined.rollbackOnly = true;
                throw e;
            }
        }
        Tx tx = begin();
        current.set(tx);
        try {
            Result<T> result;
            try {
                result = Objects.requireNonNull(work.get(), "the work returned null");
            } catch (RuntimeException | Error e) {
                rollbackQuietly(tx.connection, e);
                throw e;
            }
            if (result instanceof Result.Ok<T> && !tx.rollbackOnly) {
                commit(tx.connection);
                tx.committed = true;
            } else {
                rollback(tx.connection);
                if (result instanceof Result.Ok<T>) {
                    throw new IllegalStateException(
                            "rolled back: a nested call threw and marked the transaction rollback-only");
                }
            }
            return result;
        } finally {
            current.remove();
            release(tx.connection);
            runAfterCompletion(tx);
        }
    }

    /** True while the calling thread runs inside {@link #inTransaction}. */
    public boolean isInTransaction() {
        return current.get() != null;
    }

    /** Runs reads on the thread's transaction connection, or on a short autocommit connection. */
    <T> T read(SqlWork<T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return runJoined(tx, work);
        }
        Connection c = open();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        } finally {
            release(c);
        }
    }

    /**
     * Runs writes that must be atomic: in the thread's transaction when there is one, else in a
     * short transaction of their own.
     */
    <T> T write(SqlWork<T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return runJoined(tx, work);
        }
        return runAlone(work);
    }

    /**
     * Runs work that is one statement on PostgreSQL and may be several on H2: in the thread's
     * transaction when there is one; else, on PostgreSQL, on a short autocommit connection (one
     * round trip), and on other databases in a short transaction of its own.
     */
    <T> T statement(SqlWork<T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return runJoined(tx, work);
        }
        Connection c = open();
        try {
            return isPostgres(c) ? work.run(c) : committed(c, work);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        } finally {
            release(c);
        }
    }

    /** True when the database is PostgreSQL (else H2); asked once. */
    boolean isPostgres(Connection c) throws SQLException {
        Boolean pg = postgres;
        if (pg == null) {
            pg = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            postgres = pg;
        }
        return pg;
    }

    /**
     * Runs {@code work} in a short transaction of its own on its own connection, even when the
     * thread is in a transaction: its effects stay when that transaction rolls back. The work must
     * not touch rows the thread's transaction may hold locks on.
     */
    <T> T autonomous(SqlWork<T> work) {
        return runAlone(work);
    }

    /**
     * Runs {@code task} after the thread's transaction ends (commit or rollback), or at once when
     * there is none. For housekeeping that must not hold locks inside a caller's transaction.
     * Exceptions of the task are swallowed: housekeeping never fails a request.
     */
    void afterCompletion(Runnable task) {
        Tx tx = current.get();
        if (tx != null) {
            tx.afterCompletion.add(task);
        } else {
            runQuietly(task);
        }
    }

    /**
     * Runs {@code task} after the thread's transaction commits (never when it rolls back), or at once
     * when there is none (the caller's statements were then committed already). Exceptions of the
     * task are swallowed: a wake-up never fails a committed request.
     */
    void afterCommit(Runnable task) {
        Tx tx = current.get();
        if (tx != null) {
            tx.afterCommit.add(task);
        } else {
            runQuietly(task);
        }
    }

    private <T> T runJoined(Tx tx, SqlWork<T> work) {
        try {
            return work.run(tx.connection);
        } catch (SQLException e) {
            tx.rollbackOnly = true;
            throw SqlErrors.translate(e);
        } catch (RuntimeException | Error e) {
            tx.rollbackOnly = true;
            throw e;
        }
    }

    private <T> T runAlone(SqlWork<T> work) {
        Connection c = open();
        try {
            return committed(c, work);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        } finally {
            release(c);
        }
    }

    /** {@code work} in one transaction on {@code c}: committed, or rolled back when it throws. */
    private <T> T committed(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        prepareIsolation(c);
        T value;
        try {
            value = work.run(c);
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(c, e);
            throw e;
        }
        c.commit();
        return value;
    }

    private Tx begin() {
        Connection c = open();
        try {
            c.setAutoCommit(false);
            prepareIsolation(c);
            return new Tx(c);
        } catch (SQLException e) {
            release(c);
            throw SqlErrors.translate(e);
        }
    }

    private void prepareIsolation(Connection c) throws SQLException {
        // The insert-if-absent and conditional-update patterns rely on READ COMMITTED: each
        // statement sees what concurrent transactions committed before it. Both databases default
        // to it; asking costs a round trip on PostgreSQL, so the default is checked once.
        Boolean readCommitted = defaultIsReadCommitted;
        if (readCommitted == null) {
            readCommitted = c.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED;
            defaultIsReadCommitted = readCommitted;
        }
        if (!readCommitted) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    private Connection open() {
        try {
            Connection c = dataSource.getConnection();
            if (c == null) {
                throw new PersistenceUnavailableException("storage unavailable", null);
            }
            return c;
        } catch (SQLException e) {
            throw SqlErrors.noConnection(e);
        }
    }

    private static void commit(Connection c) {
        try {
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            throw SqlErrors.translate(e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void release(Connection c) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the connection is broken; closing it is all that is left
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing useful to do: the pool (or the driver) discards it
        }
    }

    private static void runAfterCompletion(Tx tx) {
        if (tx.committed) {
            for (Runnable task : tx.afterCommit) {
                runQuietly(task);
            }
        }
        for (Runnable task : tx.afterCompletion) {
            runQuietly(task);
        }
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException ignored) {
            // housekeeping only; the next run catches up
        }
    }
}
