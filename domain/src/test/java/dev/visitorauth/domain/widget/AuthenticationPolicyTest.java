package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each mode means to a start-up (spec 4.10 and 4.11), asked of the policy. */
class AuthenticationPolicyTest {
    private static AuthenticationPolicy in(AuthMode mode) {
        return AuthenticationPolicy.defaults().withMode(mode);
    }

    @Test
    void onlyObserveModeObserves() {
        assertThat(in(AuthMode.OBSERVE).observes()).isTrue();
        assertThat(in(AuthMode.OPTIONAL).observes()).isFalse();
        assertThat(in(AuthMode.REQUIRED).observes()).isFalse();
    }

    @Test
    void onlyRequiredModeRequiresAToken() {
        assertThat(in(AuthMode.REQUIRED).requiresToken()).isTrue();
        assertThat(in(AuthMode.OPTIONAL).requiresToken()).isFalse();
        assertThat(in(AuthMode.OBSERVE).requiresToken()).isFalse();
    }
}
