package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Sessions expire ({@code visitorauth.session-lifetime}, here {@value #LIFETIME_SECONDS} seconds):
 * an expired session is refused like a revoked one, and the visitor starts again with its id.
 */
@OnH2TightLimits
class SessionLifetimeContract extends ServerTestBase {
    static final int LIFETIME_SECONDS = 3;

    @Test
    void aSessionExpiresAfterTheConfiguredLifetime() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session s = api.startOk(widget, null, valid(widget, userId));
        String conversation = api.startConversationOk(s.token(), "Hello");
        Instant expiresAt = Instant.parse(s.response().text("expiresAt"));
        assertThat(Duration.between(clock.instant(), expiresAt)).isLessThanOrEqualTo(Duration.ofSeconds(LIFETIME_SECONDS));
        assertThat(api.currentSession(s.token()).status()).isEqualTo(200);

        advanceServerClock(Duration.between(clock.instant(), expiresAt).plusSeconds(1));

        assertProblem(api.currentSession(s.token()), 401, "unauthenticated");
        assertProblem(api.conversations(s.token()), 401, "unauthenticated");
        Session again = api.startOk(widget, s.visitorId(), valid(widget, userId));
        assertThat(again.visitorId()).isEqualTo(s.visitorId());
        assertThat(api.conversationIds(again.token())).containsExactly(conversation);
    }
}
