package dev.visitorauth.domain.widget;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A widget secret: at least 43 base64url characters carrying at least 256 random bits, created by
 * the service. The HMAC key is the UTF-8 bytes of this string, as every common JWT library does
 * with a string secret. {@link #toString()} never shows it.
 */
public final class SecretValue {
    public static final int MIN_LENGTH = 43;
    public static final int MAX_LENGTH = 512;

    private final String value;

    private SecretValue(String value) {
        this.value = value;
    }

    public static SecretValue of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a widget secret has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("a widget secret is base64url characters only");
            }
        }
        return new SecretValue(value);
    }

    /** The secret as the integrator copies it. Handle with care: never log it. */
    public String reveal() {
        return value;
    }

    /** The HMAC key: the UTF-8 bytes of the string (a fresh copy; base64url characters are ASCII, so the same bytes). */
    public byte[] keyBytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue s && java.security.MessageDigest.isEqual(s.keyBytes(), keyBytes());
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SecretValue[redacted]";
    }
}
