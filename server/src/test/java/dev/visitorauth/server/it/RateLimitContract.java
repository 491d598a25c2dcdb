package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Widget;
import org.junit.jupiter.api.Test;

/**
 * Failed verifications per widget and client address, on a server that allows three a minute
 * ({@code visitorauth.failure-limit=3}): the fourth is {@code rate_limited}, 429 with
 * {@code Retry-After}; successful starts and other widgets are not limited.
 */
@OnH2TightLimits
class RateLimitContract extends ServerTestBase {
    static final int LIMIT = 3;

    private void exhaust(Widget widget) {
        for (int i = 0; i < LIMIT; i++) {
            assertProblem(api.start(widget, null, expired(widget)), 401, "token_expired");
        }
    }

    private static String expired(Widget widget) {
        return sign(widget.secret(), claims(newUserId()).times(-400, -300));
    }

    @Test
    void failedVerificationsBeyondTheLimitAreRateLimitedWithRetryAfter() {
        Widget widget = api.newWidget();
        exhaust(widget);

        Response limited = assertProblem(api.start(widget, null, expired(widget)), 429, "rate_limited");

        assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }

    @Test
    void aRateLimitedClientGetsRateLimitedWhateverTheToken() {
        Widget widget = api.newWidget();
        exhaust(widget);

        assertProblem(api.start(widget, null, "not-a-token"), 429, "rate_limited");
    }

    @Test
    void rateLimitedRequestsAreNotRecordedAsFailures() {
        Widget widget = api.newWidget();
        exhaust(widget);

        api.start(widget, null, expired(widget));
        api.start(widget, null, expired(widget));

        Response log = api.authFailures(widget);
        assertThat(log.json().path("failures")).hasSize(LIMIT);
        assertThat(log.json().path("countsByCode").has("rate_limited")).isFalse();
    }

    @Test
    void successfulStartsAreNotLimited() {
        Widget widget = api.newWidget();
        exhaust(widget);

        assertThat(api.start(widget, null, valid(widget, newUserId())).status()).isEqualTo(201);
        assertThat(api.start(widget, null, null).status()).isEqualTo(201);
    }

    @Test
    void theLimitIsPerWidget() {
        Widget widget = api.newWidget();
        Widget other = api.createWidget(widget.workspace());
        exhaust(widget);

        assertProblem(api.start(other, null, expired(other)), 401, "token_expired");
    }

    @Test
    void tokenRequiredCountsAgainstTheLimit() {
        Widget widget = api.newWidget(java.util.Map.of("mode", "required"));
        for (int i = 0; i < LIMIT; i++) {
            assertProblem(api.start(widget, null, null), 401, "token_required");
        }

        assertProblem(api.start(widget, null, null), 429, "rate_limited");
    }
}
