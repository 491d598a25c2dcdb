package dev.visitorauth.domain.widget;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One secret of a widget's keyring. A secret is current until it is rotated out
 * ({@code retiredAt}); after that it still verifies until {@code graceUntil}, and is then
 * remembered only to diagnose {@code secret_rotated}.
 */
public record WidgetSecret(KeyId keyId, SecretValue value, Instant createdAt, Optional<Instant> retiredAt,
                           Optional<Instant> graceUntil) {

    public WidgetSecret {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
        Objects.requireNonNull(graceUntil, "graceUntil");
        if (retiredAt.isEmpty() && graceUntil.isPresent()) {
            throw new IllegalArgumentException("only a retired secret has a grace period");
        }
    }

    public static WidgetSecret current(KeyId keyId, SecretValue value, Instant createdAt) {
        return new WidgetSecret(keyId, value, createdAt, Optional.empty(), Optional.empty());
    }

    /** The state of this secret at {@code now}. */
    public State stateAt(Instant now) {
        if (retiredAt.isEmpty()) {
            return State.CURRENT;
        }
        return graceUntil.filter(now::isBefore).isPresent() ? State.IN_GRACE : State.ROTATED_OUT;
    }

    /** True when tokens signed with this secret verify at {@code now}. */
    public boolean verifiesAt(Instant now) {
        return stateAt(now) != State.ROTATED_OUT;
    }

    WidgetSecret retire(Instant now, Optional<Instant> graceEnd) {
        return new WidgetSecret(keyId, value, createdAt, Optional.of(retiredAt.orElse(now)), graceEnd);
    }

    WidgetSecret withGraceEnded(Instant now) {
        return new WidgetSecret(keyId, value, createdAt, retiredAt, Optional.of(now));
    }

    public enum State {
        /** The widget's one current secret. */
        CURRENT,
        /** Rotated out, still verifying during the grace period the admin asked for. */
        IN_GRACE,
        /** Rotated out and past any grace: kept only to diagnose {@code secret_rotated}. */
        ROTATED_OUT
    }
}
