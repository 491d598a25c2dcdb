package dev.visitorauth.adapter.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The operator's system API key, which alone may create workspaces ({@code POST /v1/workspaces}).
 * Only its SHA-256 digest is held, and a presented key is compared digest to digest with
 * {@link MessageDigest#isEqual}, so neither its content nor its length leaks through timing.
 * The assembly provides one as a bean; without one, no key matches and workspaces cannot be created
 * over REST.
 */
public final class SystemApiKey {
    /** The shortest key accepted: a guessable key would open every tenant's creation. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private SystemApiKey(byte[] digest) {
        this.digest = digest;
    }

    /**
     * @param key the configured key: at least {@value #MIN_LENGTH} characters, no surrounding whitespace
     * @throws IllegalArgumentException for a key that is shorter, or blank
     */
    public static SystemApiKey of(String key) {
        Objects.requireNonNull(key, "system API key");
        if (key.length() < MIN_LENGTH || !key.strip().equals(key)) {
            throw new IllegalArgumentException("the system API key must have at least " + MIN_LENGTH
                    + " characters and no surrounding whitespace");
        }
        return new SystemApiKey(sha256(key));
    }

    /** No system key configured: {@link #matches(String)} is always false. */
    public static SystemApiKey none() {
        return new SystemApiKey(null);
    }

    public boolean isConfigured() {
        return digest != null;
    }

    /** True when {@code candidate} is the configured key, compared in constant time. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        byte[] presented = sha256(candidate);
        return digest != null && MessageDigest.isEqual(digest, presented);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return digest == null ? "SystemApiKey[none]" : "SystemApiKey[redacted]";
    }
}
