package dev.visitorauth.domain.coverage;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A widget's start-ups over the last {@code hours} hours (spec section 14): by outcome, by origin
 * bucket (see {@link OriginBucket}), and what {@code required} would have refused.
 */
public record Coverage(int hours, CoverageTally counts, Map<String, CoverageTally> byOrigin, RequiredImpact ifRequired) {
    /** The longest window the counters keep (30 days). */
    public static final int MAX_HOURS = 720;
    /** The window a switch to {@code required} looks back over for its rollout warning (spec section 11). */
    public static final int ROLLOUT_WARNING_HOURS = 24;

    public Coverage {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("hours must be 1 to " + MAX_HOURS);
        }
        Objects.requireNonNull(counts, "counts");
        byOrigin = Collections.unmodifiableMap(new TreeMap<>(byOrigin));
        Objects.requireNonNull(ifRequired, "ifRequired");
    }

    /** {@code requested} as a window of hours: {@code invalid_request} about the hours outside 1 to {@value #MAX_HOURS}. */
    public static Result<Integer> hours(long requested) {
        if (requested < 1 || requested > MAX_HOURS) {
            return Result.refused(Refusal.invalid(InputField.HOURS, "must be a whole number from 1 to " + MAX_HOURS + "."));
        }
        return Result.ok((int) requested);
    }

    /** The coverage the counted rows add up to. */
    public static Coverage of(int hours, List<StartupCount> rows) {
        CoverageTally all = CoverageTally.EMPTY;
        Map<String, CoverageTally> byOrigin = new TreeMap<>();
        for (StartupCount row : rows) {
            all = all.plus(row);
            byOrigin.merge(row.origin(), CoverageTally.EMPTY.plus(row), (counted, ignored) -> counted.plus(row));
        }
        return new Coverage(hours, all, byOrigin, all.ifRequired());
    }
}
