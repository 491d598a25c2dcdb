package dev.visitorauth.domain.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An expected refusal: one {@link ErrorCode}, the claim or header member concerned when there is
 * one, and a message that tells the integrator what to fix. Messages never hold a secret or a
 * token, and never reveal whether a user exists.
 */
public final class Refusal {
    private final ErrorCode code;
    private final String claim;
    private final String message;
    private final Duration retryAfter;

    private Refusal(ErrorCode code, String claim, String message, Duration retryAfter) {
        this.code = Objects.requireNonNull(code, "code");
        this.claim = claim;
        this.message = Objects.requireNonNull(message, "message");
        this.retryAfter = retryAfter;
    }

    private Refusal(ErrorCode code, String claim, String message) {
        this(code, claim, message, null);
    }

    /** {@code rate_limited}, with how long the client should wait. */
    public static Refusal rateLimited(Duration retryAfter, String message) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive");
        }
        return new Refusal(ErrorCode.RATE_LIMITED, null, message, retryAfter);
    }

    public static Refusal of(ErrorCode code, String message) {
        return new Refusal(code, null, message);
    }

    public static Refusal of(ErrorCode code, String claim, String message) {
        return new Refusal(code, Objects.requireNonNull(claim, "claim"), message);
    }

    public ErrorCode code() {
        return code;
    }

    /** The claim or header member concerned (e.g. {@code exp}, {@code customData}, {@code kid}). */
    public Optional<String> claim() {
        return Optional.ofNullable(claim);
    }

    public String message() {
        return message;
    }

    /** For {@code rate_limited}: how long to wait before trying again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Refusal r && r.code == code && Objects.equals(r.claim, claim) && r.message.equals(message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, claim, message);
    }

    @Override
    public String toString() {
        return code.wire() + (claim == null ? "" : "(" + claim + ")") + ": " + message;
    }
}
