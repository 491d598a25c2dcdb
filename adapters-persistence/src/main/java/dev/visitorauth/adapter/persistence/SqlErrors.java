package dev.visitorauth.adapter.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Classifies driver exceptions into the adapter's two unchecked exceptions. */
final class SqlErrors {
    /** H2's own codes (its SQL state is its error code) for a closed, locked, broken or busy database. */
    private static final Set<String> H2_UNAVAILABLE = Set.of(
            "90020", // database may be already in use
            "90028", // IO exception
            "90031", // IO exception
            "90067", // connection broken
            "90098", // database closed
            "90121", // database called at VM shutdown
            "90131", // concurrent update
            "90135", // database in exclusive mode
            "50200"); // lock timeout

    private SqlErrors() {
    }

    /** The exception to throw for {@code e}: unavailable when a retry may succeed. */
    static RuntimeException translate(SQLException e) {
        return isUnavailable(e)
                ? new PersistenceUnavailableException("storage unavailable", e)
                : new PersistenceException("storage error", e);
    }

    /** For failures while obtaining a connection: always unavailable. */
    static PersistenceUnavailableException noConnection(SQLException e) {
        return new PersistenceUnavailableException("storage unavailable", e);
    }

    static boolean isUnavailable(SQLException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = next(t), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException
                    || t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && isUnavailableState(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableState(String state) {
        return state.startsWith("08")       // connection exception
                || state.startsWith("53")   // insufficient resources (too many connections, disk full)
                || state.startsWith("57P")  // admin/crash shutdown, cannot connect now
                || state.equals("57014")    // statement cancelled (timeout)
                || state.equals("55P03")    // lock not available
                || state.startsWith("40")   // serialization failure, deadlock: retry
                || state.startsWith("HYT")  // timeout
                || H2_UNAVAILABLE.contains(state);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != t) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
