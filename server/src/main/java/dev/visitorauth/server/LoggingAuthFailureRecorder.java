package dev.visitorauth.server;

import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.domain.widget.AuthFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each failed verification, counts it in {@link VerificationMetrics}, and logs it as one structured line
 * ({@code auth_failure workspace=… widget=… code=… claim=… origin=… kid=… iat=…}). The record never
 * holds the token, so neither does the line; values from the request are quoted with anything
 * outside printable ASCII replaced, so a crafted origin or kid cannot forge log lines.
 */
final class LoggingAuthFailureRecorder implements RecordAuthFailurePort {
    private static final Logger log = LoggerFactory.getLogger("visitorauth.auth-failures");

    private final RecordAuthFailurePort delegate;
    private final VerificationMetrics metrics;

    LoggingAuthFailureRecorder(RecordAuthFailurePort delegate, VerificationMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void recordAuthFailure(AuthFailure failure) {
        delegate.recordAuthFailure(failure);
        metrics.refused(failure.code());
        if (log.isInfoEnabled()) {
            log.info("auth_failure workspace={} widget={} code={} claim={} origin={} kid={} iat={}",
                    failure.workspaceId(), failure.widgetId(), failure.code().wire(),
                    quoted(failure.claim().orElse("")), quoted(failure.origin().orElse("")),
                    quoted(failure.kid().orElse("")), failure.iat().map(Object::toString).orElse("-"));
        }
    }

    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return out.append('"').toString();
    }
}
