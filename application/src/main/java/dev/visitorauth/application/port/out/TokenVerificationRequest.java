package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import java.time.Instant;
import java.util.Objects;

/**
 * One visitor token to verify for one widget.
 *
 * @param token    the compact token as received (never logged)
 * @param widgetId the widget it is meant for ({@code aud}, when present, must name it)
 * @param policy   the widget's lifetime, skew and {@code jti} settings
 * @param keyring  the widget's secrets: which verify now, and which are remembered as rotated out
 * @param now      the evaluation time
 */
public record TokenVerificationRequest(String token, WidgetId widgetId, AuthenticationPolicy policy, WidgetKeyring keyring,
                                       Instant now) {
    public TokenVerificationRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(now, "now");
    }

    @Override
    public String toString() {
        return "TokenVerificationRequest[widget=" + widgetId + ", token=<" + token.length() + " chars>]";
    }
}
