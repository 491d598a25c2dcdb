package dev.visitorauth.application.port.out;

/**
 * Thrown by storage adapters when the store cannot be reached (connection refused, timed out,
 * pool exhausted). Inbound adapters answer {@code unavailable} and the client retries; the
 * message is for logs, never for clients.
 */
public class StorageUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
