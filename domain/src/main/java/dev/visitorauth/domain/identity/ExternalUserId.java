package dev.visitorauth.domain.identity;

import java.util.Objects;

/**
 * The company's own id for its user: the token's {@code id} claim, normalised to a string
 * (the JSON integer {@code 1} and the string {@code "1"} are the same user). Unique per workspace.
 * Its length is counted in Unicode code points, as the token rules count it.
 */
public record ExternalUserId(String value) {
    public static final int MAX_LENGTH = 255;

    public ExternalUserId {
        Objects.requireNonNull(value, "external user id");
        if (value.isEmpty() || value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("an external user id has 1 to " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
