package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts a widget session (spec section 4): verifies the visitor token if one came, links the
 * visitor to the company's user, upgrades an anonymous visitor with its conversations, and returns
 * a session. All of it in one transaction; a refused start-up changes nothing but the widget's
 * failure log.
 */
public interface StartSessionUseCase {

    /**
     * @return the new session, or a refusal: {@code widget_not_found}, {@code origin_not_allowed},
     *     {@code rate_limited}, {@code token_required},
     *     or any token verification code
     */
    Result<StartedSession> startSession(StartSessionCommand command);

    /**
     * @param widgetId     the widget's public id
     * @param visitorId    the visitor id the widget kept, if any
     * @param visitorToken the company-signed visitor token, if any
     * @param origin       the browser's {@code Origin}, if any (servers send none)
     * @param clientKey    the client's address, for rate limiting failures
     */
    record StartSessionCommand(WidgetId widgetId, Optional<VisitorId> visitorId, Optional<String> visitorToken,
                               Optional<String> origin, String clientKey) {
        public StartSessionCommand {
            Objects.requireNonNull(widgetId, "widgetId");
            Objects.requireNonNull(visitorId, "visitorId");
            Objects.requireNonNull(visitorToken, "visitorToken");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(clientKey, "clientKey");
        }

        @Override
        public String toString() {
            return "StartSessionCommand[widget=" + widgetId + ", visitorId=" + visitorId.isPresent()
                    + ", token=" + visitorToken.isPresent() + "]";
        }
    }
}
