package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.port.out.StorageUnavailableException;

/**
 * The store cannot serve the request now and a retry may succeed: no connection (refused, broken,
 * pool exhausted, timed out), the database shutting down, a lock or statement timeout, a deadlock
 * or serialization failure, or a concurrent change that won a race. Web adapters answer
 * {@code 503 unavailable}. The message is generic and never holds SQL or data.
 */
public class PersistenceUnavailableException extends StorageUnavailableException {
    private static final long serialVersionUID = 1L;

    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
