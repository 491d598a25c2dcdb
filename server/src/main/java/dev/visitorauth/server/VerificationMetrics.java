package dev.visitorauth.server;

import dev.visitorauth.domain.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code visitorauth.token.verifications}, tag {@code outcome}: {@code valid} for a start-up whose
 * token was accepted (after the replay check), or the code of each failed verification as it is
 * recorded in the widget's failure log (including {@code token_replayed} and
 * {@code token_required}), or {@code rate_limited}. The verdict is counted where it is final, not
 * where the signature is checked.
 */
final class VerificationMetrics {
    static final String METRIC = "visitorauth.token.verifications";
    private static final String DESCRIPTION = "Visitor token verifications at start-up, by outcome";

    private final Counter valid;
    private final Map<ErrorCode, Counter> refused = new EnumMap<>(ErrorCode.class);

    VerificationMetrics(MeterRegistry registry) {
        valid = Counter.builder(METRIC).description(DESCRIPTION).tag("outcome", "valid").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            if (code.isVerificationFailure() || code == ErrorCode.RATE_LIMITED) {
                refused.put(code, Counter.builder(METRIC).description(DESCRIPTION).tag("outcome", code.wire()).register(registry));
            }
        }
    }

    void valid() {
        valid.increment();
    }

    void refused(ErrorCode code) {
        Counter counter = refused.get(code);
        if (counter != null) {
            counter.increment();
        }
    }
}
