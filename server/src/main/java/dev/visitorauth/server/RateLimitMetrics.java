package dev.visitorauth.server;

import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.WidgetId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code visitorauth.rate_limit.refusals}, tag {@code limit}: {@code new_visitors},
 * {@code conversations}, {@code messages}, or {@code failed_verifications}; counted by decorating
 * the two rate-limit ports. A failed-verification refusal also counts as the verification outcome
 * {@code rate_limited} ({@link VerificationMetrics}).
 */
final class RateLimitMetrics {
    static final String METRIC = "visitorauth.rate_limit.refusals";
    private static final String DESCRIPTION = "Requests refused as rate_limited, by limit";

    private final Map<RateLimitPort.Limit, Counter> requests = new EnumMap<>(RateLimitPort.Limit.class);
    private final Counter failures;
    private final VerificationMetrics verifications;

    RateLimitMetrics(MeterRegistry registry, VerificationMetrics verifications) {
        this.verifications = verifications;
        for (RateLimitPort.Limit limit : RateLimitPort.Limit.values()) {
            requests.put(limit, Counter.builder(METRIC).description(DESCRIPTION).tag("limit", limit.wire()).register(registry));
        }
        failures = Counter.builder(METRIC).description(DESCRIPTION).tag("limit", "failed_verifications").register(registry);
    }

    RateLimitPort counting(RateLimitPort delegate) {
        return (limit, key, now) -> {
            Optional<Duration> refused = delegate.acquire(limit, key, now);
            if (refused.isPresent()) {
                requests.get(limit).increment();
            }
            return refused;
        };
    }

    FailureRateLimitPort counting(FailureRateLimitPort delegate) {
        return new FailureRateLimitPort() {
            @Override
            public Optional<Duration> recordFailure(WidgetId widgetId, String clientKey, Instant now) {
                return delegate.recordFailure(widgetId, clientKey, now);
            }

            @Override
            public Optional<Duration> blockedFor(WidgetId widgetId, String clientKey, Instant now) {
                Optional<Duration> blocked = delegate.blockedFor(widgetId, clientKey, now);
                if (blocked.isPresent()) {
                    failures.increment();
                    verifications.refused(ErrorCode.RATE_LIMITED);
                }
                return blocked;
            }
        };
    }
}
