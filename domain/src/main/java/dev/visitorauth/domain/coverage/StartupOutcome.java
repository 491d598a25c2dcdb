package dev.visitorauth.domain.coverage;

import java.util.Optional;

/**
 * How one start-up of a widget ended, as the coverage counters count it. The four are disjoint:
 * a start-up is counted under exactly one.
 */
public enum StartupOutcome {
    /** A session started for a user (a token verified). */
    AUTHENTICATED("authenticated"),
    /** An anonymous session started, no token sent. */
    ANONYMOUS("anonymous"),
    /** Observe mode: a token was sent and failed verification, and an anonymous session started anyway. */
    OBSERVED_INVALID("observed_invalid"),
    /** Refused, with an error code. */
    REFUSED("refused");

    private final String wire;

    StartupOutcome(String wire) {
        this.wire = wire;
    }

    /** The name stored and shown: {@code authenticated}, {@code anonymous}, {@code observed_invalid}, {@code refused}. */
    public String wire() {
        return wire;
    }

    public static Optional<StartupOutcome> fromWire(String wire) {
        for (StartupOutcome o : values()) {
            if (o.wire.equals(wire)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
