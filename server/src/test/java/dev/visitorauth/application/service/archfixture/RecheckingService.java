package dev.visitorauth.application.service.archfixture;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import java.time.Duration;

/** Breaks {@code PortRules}' service rules on purpose: it checks an id's form and makes a policy past its factory. */
public final class RecheckingService {
    private RecheckingService() {
    }

    public static AuthenticationPolicy policy(String widgetId, long lifetimeSeconds) {
        if (!Ids.isWellFormed(widgetId)) {
            throw new IllegalArgumentException("widget id");
        }
        return new AuthenticationPolicy(AuthMode.OPTIONAL, Duration.ofSeconds(lifetimeSeconds), Duration.ZERO, false);
    }
}
