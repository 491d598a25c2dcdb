package dev.visitorauth.adapter.persistence;

/**
 * A sealed secret could not be opened (altered, or sealed under another master key or context),
 * or sealing failed. Usually means the configured master key is not the one the data was written
 * with. The message never holds key material.
 */
public class SecretCipherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretCipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
