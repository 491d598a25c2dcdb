package dev.visitorauth.server;

import dev.visitorauth.application.port.in.StartSessionUseCase;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.domain.error.Result;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code visitorauth.session.starts}: how long a widget session start-up took, with Prometheus
 * buckets, tag {@code outcome}: {@code authenticated}, {@code anonymous} or the refusal's code. An
 * authenticated start also counts as a valid verification ({@link VerificationMetrics#valid()}); a
 * start refused by the failed-verification limit is counted as {@code rate_limited} by
 * {@link RateLimitMetrics}, not here.
 */
final class TimedStartSession implements StartSessionUseCase {
    static final String METRIC = "visitorauth.session.starts";

    private final StartSessionUseCase delegate;
    private final MeterRegistry meters;
    private final VerificationMetrics verifications;

    TimedStartSession(StartSessionUseCase delegate, MeterRegistry meters, VerificationMetrics verifications) {
        this.delegate = delegate;
        this.meters = meters;
        this.verifications = verifications;
    }

    @Override
    public Result<StartedSession> startSession(StartSessionCommand command) {
        Timer.Sample sample = Timer.start(meters);
        Result<StartedSession> result = delegate.startSession(command);
        String outcome;
        if (result instanceof Result.Refused<StartedSession> refused) {
            outcome = refused.refusal().code().wire();
        } else {
            boolean authenticated = result.orElseThrow().session().authenticated();
            outcome = authenticated ? "authenticated" : "anonymous";
            if (authenticated) {
                verifications.valid();
            }
        }
        sample.stop(Timer.builder(METRIC).description("Widget session start-ups")
                .publishPercentileHistogram().tag("outcome", outcome).register(meters));
        return result;
    }
}
