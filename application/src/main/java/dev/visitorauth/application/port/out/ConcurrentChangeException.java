package dev.visitorauth.application.port.out;

/**
 * Thrown by a storage adapter when a concurrent transaction changed what this one read, in a way
 * that makes its write wrong (e.g. an anonymous visitor linked to another user meanwhile). The
 * transaction is rolled back; running the use case again decides on the new state. Use cases that
 * can retry do so once; otherwise it is answered like any {@link StorageUnavailableException}.
 */
public class ConcurrentChangeException extends StorageUnavailableException {
    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String message) {
        super(message, null);
    }
}
