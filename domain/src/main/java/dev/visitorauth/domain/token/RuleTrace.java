package dev.visitorauth.domain.token;

import dev.visitorauth.domain.widget.KeyId;

/**
 * Receives the outcome of each check as the token rules run, for the token inspector. The
 * verification hot path passes {@link #NONE}, which records nothing, and for which no detail text
 * is ever built.
 */
@FunctionalInterface
public interface RuleTrace {
    RuleTrace NONE = (check, passed, detail) -> { };

    /**
     * @param check  the check's name, e.g. {@code size}, {@code alg}, {@code signature}, {@code exp}
     * @param passed whether it passed
     * @param detail what was found, for a developer (never a secret)
     */
    void record(String check, boolean passed, String detail);

    /** False for {@link #NONE}: callers build detail text only when this is true. */
    default boolean enabled() {
        return this != NONE;
    }

    /** The decoded header, once it is a strict JSON object. */
    default void header(JsonValue.JsonObject header) {
    }

    /** The key whose signature matched (even a rotated-out secret, which is still refused). */
    default void matched(KeyId keyId) {
    }

    /**
     * The payload as a strict JSON object: the verified claims, or (for display only, the inspector
     * being an admin tool) the unverified ones when the checks stopped before the payload.
     */
    default void claims(JsonValue.JsonObject claims, boolean verified) {
    }
}
