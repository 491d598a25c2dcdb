package dev.visitorauth.application.port.out;

/** The source of secure randomness for ids, secrets, session tokens and API keys. Thread-safe. */
public interface RandomPort {

    /** {@code n} bytes from a cryptographically secure generator. */
    byte[] randomBytes(int n);
}
