package dev.visitorauth.server;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code visitorauth.token.verification.duration}: how long verifying a visitor token took (size,
 * form, signature, claims; not the replay check), with Prometheus buckets, tag {@code outcome}:
 * {@code valid} or the refusal's code.
 */
final class TimedTokenVerifier implements VerifyVisitorTokenPort {
    static final String METRIC = "visitorauth.token.verification.duration";

    private final VerifyVisitorTokenPort delegate;
    private final MeterRegistry meters;

    TimedTokenVerifier(VerifyVisitorTokenPort delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public TokenCheck verify(TokenVerificationRequest request) {
        Timer.Sample sample = Timer.start(meters);
        TokenCheck check = delegate.verify(request);
        String outcome = check instanceof TokenCheck.Refused refused ? refused.refusal().code().wire() : "valid";
        sample.stop(Timer.builder(METRIC).description("Visitor token verification latency, by outcome")
                .publishPercentileHistogram().tag("outcome", outcome).register(meters));
        return check;
    }

    @Override
    public TokenInspection inspect(TokenVerificationRequest request) {
        return delegate.inspect(request);
    }
}
