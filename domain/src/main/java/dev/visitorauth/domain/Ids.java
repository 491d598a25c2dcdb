package dev.visitorauth.domain;

import java.util.Objects;

/** Shared validation for the random, URL-safe ids the service creates. */
public final class Ids {
    /** The longest id accepted anywhere. */
    public static final int MAX_LENGTH = 64;

    private Ids() {
    }

    /** True when {@code value} is 1 to 64 characters of letters, digits, {@code _} and {@code -}. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static String requireWellFormed(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_LENGTH + " characters of letters, digits, '_' or '-'");
        }
        return value;
    }
}
