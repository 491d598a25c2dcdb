package dev.visitorauth.domain.coverage;

import dev.visitorauth.domain.error.ErrorCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Start-ups by outcome, refusals by code (codes with no refusal are absent). */
public record CoverageTally(long authenticated, long anonymous, long observedInvalid, Map<ErrorCode, Long> refused) {
    public static final CoverageTally EMPTY = new CoverageTally(0, 0, 0, Map.of());

    public CoverageTally {
        Objects.requireNonNull(refused, "refused");
        EnumMap<ErrorCode, Long> copy = new EnumMap<>(ErrorCode.class);
        copy.putAll(refused);
        refused = Collections.unmodifiableMap(copy);
    }

    /** This tally with {@code count} added. */
    public CoverageTally plus(StartupCount count) {
        long n = count.count();
        return switch (count.outcome()) {
            case AUTHENTICATED -> new CoverageTally(authenticated + n, anonymous, observedInvalid, refused);
            case ANONYMOUS -> new CoverageTally(authenticated, anonymous + n, observedInvalid, refused);
            case OBSERVED_INVALID -> new CoverageTally(authenticated, anonymous, observedInvalid + n, refused);
            case REFUSED -> {
                EnumMap<ErrorCode, Long> more = new EnumMap<>(ErrorCode.class);
                more.putAll(refused);
                more.merge(count.code().orElseThrow(), n, Long::sum);
                yield new CoverageTally(authenticated, anonymous, observedInvalid, more);
            }
        };
    }

    /** Every start-up counted, refused ones included. */
    public long total() {
        return authenticated + anonymous + observedInvalid + refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What {@code required} mode would have refused: the start-ups that got a session without a
     * verified token (anonymous ones, and observe mode's invalid tokens). Start-ups refused anyway
     * are not counted again.
     */
    public RequiredImpact ifRequired() {
        return RequiredImpact.of(anonymous + observedInvalid, total());
    }
}
