package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one home of the policy's bounds and of the widget name rule (what an admin's settings may hold),
 * and of what each mode means to a start-up (spec 4.10 and 4.11), asked of the policy.
 */
class AuthenticationPolicyTest {

    private static Refusal refusal(Result<?> result) {
        assertThat(result).isInstanceOf(Result.Refused.class);
        return ((Result.Refused<?>) result).refusal();
    }

    @Test
    void makesAPolicyAtTheBounds() {
        AuthenticationPolicy low = AuthenticationPolicy.of(AuthMode.REQUIRED, 1, 0, true).orElseThrow();
        AuthenticationPolicy high = AuthenticationPolicy.of(AuthMode.OBSERVE, 86_400, 300, false).orElseThrow();

        assertThat(low).isEqualTo(new AuthenticationPolicy(AuthMode.REQUIRED, Duration.ofSeconds(1), Duration.ZERO, true));
        assertThat(high).isEqualTo(new AuthenticationPolicy(AuthMode.OBSERVE, Duration.ofSeconds(86_400),
                Duration.ofSeconds(300), false));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 86_401, Long.MAX_VALUE, Long.MIN_VALUE})
    void refusesALifetimeOutOfBounds(long seconds) {
        Refusal refusal = refusal(AuthenticationPolicy.of(AuthMode.OPTIONAL, seconds, 30, false));

        assertThat(refusal).isEqualTo(Refusal.invalid(InputField.MAX_TOKEN_LIFETIME, "must be 1 to 86400."));
        assertThat(refusal.message(f -> "maxTokenLifetimeSeconds")).isEqualTo("maxTokenLifetimeSeconds must be 1 to 86400.");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 301, Long.MAX_VALUE, Long.MIN_VALUE})
    void refusesASkewOutOfBounds(long seconds) {
        Refusal refusal = refusal(AuthenticationPolicy.of(AuthMode.OPTIONAL, 600, seconds, false));

        assertThat(refusal).isEqualTo(Refusal.invalid(InputField.CLOCK_SKEW, "must be 0 to 300."));
    }

    @Test
    void namesTheLifetimeFirstWhenBothAreOutOfBounds() {
        assertThat(refusal(AuthenticationPolicy.of(AuthMode.OPTIONAL, 0, 301, false)).field())
                .contains(InputField.MAX_TOKEN_LIFETIME);
    }

    @Test
    void readsAModeByItsWireNameOnly() {
        assertThat(AuthMode.parse("observe").orElseThrow()).isEqualTo(AuthMode.OBSERVE);
        Refusal refusal = refusal(AuthMode.parse("OBSERVE"));

        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal).isEqualTo(Refusal.invalid(InputField.MODE, "must be one of optional, required, observe."));
    }

    @Test
    void acceptsAWidgetNameOfOneTo200CharactersNotBlank() {
        assertThat(Widget.name("x").orElseThrow()).isEqualTo("x");
        assertThat(Widget.name("n".repeat(200)).orElseThrow()).hasSize(200);
        for (String bad : new String[] {"", "   ", "n".repeat(201)}) {
            assertThat(refusal(Widget.name(bad)))
                    .isEqualTo(Refusal.invalid(InputField.NAME, "must be 1 to 200 characters and not blank."));
        }
    }

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
