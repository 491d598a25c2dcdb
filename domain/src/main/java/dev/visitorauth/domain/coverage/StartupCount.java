package dev.visitorauth.domain.coverage;

import dev.visitorauth.domain.error.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * A number of start-ups with one origin bucket, outcome and code (the code of a refusal, or the
 * failed verification's code for {@link StartupOutcome#OBSERVED_INVALID}; empty otherwise).
 */
public record StartupCount(String origin, StartupOutcome outcome, Optional<ErrorCode> code, long count) {
    public StartupCount {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        if (outcome == StartupOutcome.REFUSED && code.isEmpty()) {
            throw new IllegalArgumentException("a refusal is counted with its code");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }

    /**
     * True when this counts failed verifications (what the failure log records): refusals with a
     * verification code, and observed invalid tokens. The spike rule's baseline counts these.
     */
    public boolean isFailedVerification() {
        return outcome == StartupOutcome.OBSERVED_INVALID
                || (outcome == StartupOutcome.REFUSED && code.orElseThrow().isVerificationFailure());
    }
}
