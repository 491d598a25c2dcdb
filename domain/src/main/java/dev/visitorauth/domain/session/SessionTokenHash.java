package dev.visitorauth.domain.session;

import java.util.Objects;

/** The hash of a session's bearer token: the only form in which a session token is stored. */
public record SessionTokenHash(String value) {
    public SessionTokenHash {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a session token hash is 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return "SessionTokenHash[" + value.substring(0, 8) + "...]";
    }
}
