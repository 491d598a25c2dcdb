package dev.visitorauth.domain.webhook;

import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands (spec section 14): waiting for its next attempt, answered 2xx, or given up. */
public enum DeliveryStatus {
    /** Not yet answered with a 2xx; another attempt is scheduled. */
    PENDING,
    /** An attempt was answered with a 2xx. */
    DELIVERED,
    /** Every attempt of the retry window failed (or its endpoint was disabled); retried only by hand. */
    FAILED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static Optional<DeliveryStatus> fromWire(String wire) {
        for (DeliveryStatus s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
