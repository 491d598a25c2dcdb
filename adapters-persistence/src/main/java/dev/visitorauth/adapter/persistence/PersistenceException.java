package dev.visitorauth.adapter.persistence;

/**
 * A storage operation failed for a reason other than the store being unreachable (a constraint
 * the caller broke, a bug, corrupted data). The message is generic and never holds SQL or data;
 * the cause holds the driver's exception for the server's logs.
 */
public class PersistenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
