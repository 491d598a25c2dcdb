package dev.visitorauth.domain.identity;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
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
        if (!isValid(value)) {
            throw new IllegalArgumentException("an external user id has 1 to " + MAX_LENGTH + " characters");
        }
    }

    /**
     * The id an admin names a user by; one that cannot be an external id names no user, so it gets
     * {@link #unknown()}, as a user that does not exist (a refusal never tells whether a user exists).
     */
    public static Result<ExternalUserId> parse(String value) {
        return isValid(value) ? Result.ok(new ExternalUserId(value)) : Result.refused(unknown());
    }

    /** The refusal for an external id that names no user of the workspace. */
    public static Refusal unknown() {
        return Refusal.of(ErrorCode.NOT_FOUND, "No such user.");
    }

    private static boolean isValid(String value) {
        return value != null && !value.isEmpty() && value.codePointCount(0, value.length()) <= MAX_LENGTH;
    }

    @Override
    public String toString() {
        return value;
    }
}
