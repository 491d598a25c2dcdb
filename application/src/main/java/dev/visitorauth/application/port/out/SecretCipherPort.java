package dev.visitorauth.application.port.out;

/**
 * Encrypts widget secrets at rest with a master key from configuration. Used by storage adapters
 * that persist keyrings; the use cases only ever see decrypted {@code SecretValue}s.
 */
public interface SecretCipherPort {

    /** Authenticated encryption of {@code plaintext}; {@code context} (e.g. the widget id) is bound as associated data. */
    byte[] seal(byte[] plaintext, String context);

    /** Decrypts what {@link #seal} produced with the same context; throws if it was altered. */
    byte[] open(byte[] sealed, String context);
}
