package dev.visitorauth.server;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts every verification by outcome ({@code visitorauth.token.verifications}, tag
 * {@code outcome} = {@code valid} or the refusal's code), whichever adapter asked. Inspections are
 * not counted: they are a debugging tool.
 */
final class MeteredTokenVerifier implements VerifyVisitorTokenPort {
    static final String METRIC = "visitorauth.token.verifications";

    private final VerifyVisitorTokenPort delegate;
    private final Counter valid;
    private final Map<ErrorCode, Counter> refused = new EnumMap<>(ErrorCode.class);

    MeteredTokenVerifier(VerifyVisitorTokenPort delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.valid = Counter.builder(METRIC).description("Visitor token verifications by outcome").tag("outcome", "valid")
                .register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            if (code.isVerificationFailure()) {
                refused.put(code, Counter.builder(METRIC).description("Visitor token verifications by outcome")
                        .tag("outcome", code.wire()).register(registry));
            }
        }
    }

    @Override
    public TokenCheck verify(TokenVerificationRequest request) {
        TokenCheck check = delegate.verify(request);
        if (check instanceof TokenCheck.Refused r) {
            Counter counter = refused.get(r.refusal().code());
            if (counter != null) {
                counter.increment();
            }
        } else {
            valid.increment();
        }
        return check;
    }

    @Override
    public TokenInspection inspect(TokenVerificationRequest request) {
        return delegate.inspect(request);
    }
}
