package dev.visitorauth.application.archfixture;

import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.AuthenticationPolicy;

/** A deliberately broken "application" class (test sources only) that decides by the mode constants itself. */
public final class ModeComparingService {
    private ModeComparingService() {
    }

    public static boolean observes(AuthenticationPolicy policy) {
        return policy.mode() == AuthMode.OBSERVE;
    }

    public static boolean requiresToken(AuthenticationPolicy policy) {
        return policy.mode() == AuthMode.REQUIRED;
    }
}
