package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request limits of spec section 8 over HTTP, on a server with tight ones
 * ({@value #NEW_VISITORS} new visitors a minute per widget and address, {@value #CONVERSATIONS}
 * conversations an hour per visitor or user, {@value #MESSAGES} messages a minute per session):
 * beyond them 429 {@code rate_limited} with {@code Retry-After}, and nothing changes.
 */
@OnH2TightLimits
class RequestLimitContract extends ServerTestBase {
    static final int NEW_VISITORS = 3;
    static final int CONVERSATIONS = 2;
    static final int MESSAGES = 4;

    private static void assertRateLimited(Response r, long maxSeconds) {
        assertProblem(r, 429, "rate_limited");
        assertThat(r.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, maxSeconds));
    }

    @Autowired
    MeterRegistry meters;

    private double refusals(String limit) {
        Counter c = meters.find("visitorauth.rate_limit.refusals").tag("limit", limit).counter();
        return c == null ? 0 : c.count();
    }

    private Session anonymous(Widget widget) {
        return api.startOk(widget, null, null);
    }

    @Test
    void newVisitorsBeyondTheLimitAreRateLimitedWithRetryAfter() {
        Widget widget = api.newWidget();
        for (int i = 0; i < NEW_VISITORS; i++) {
            anonymous(widget);
        }

        assertRateLimited(api.start(widget, null, null), 60);
    }

    @Test
    void aRefusedNewDeviceOfAUserCreatesNothing() {
        Widget widget = api.newWidget();
        for (int i = 0; i < NEW_VISITORS; i++) {
            anonymous(widget);
        }
        String userId = newUserId();

        assertRateLimited(api.start(widget, null, valid(widget, userId)), 60);
        assertProblem(api.user(widget.workspace(), userId), 404, "not_found");
    }

    @Test
    void resumingVisitorsAreNotLimited() {
        Widget widget = api.newWidget();
        Session first = anonymous(widget);
        for (int i = 1; i < NEW_VISITORS; i++) {
            anonymous(widget);
        }

        for (int i = 0; i < NEW_VISITORS + 2; i++) {
            assertThat(api.start(widget, first.visitorId(), null).status()).isEqualTo(201);
        }
    }

    @Test
    void theNewVisitorLimitIsPerWidget() {
        Widget widget = api.newWidget();
        Widget other = api.createWidget(widget.workspace());
        for (int i = 0; i < NEW_VISITORS; i++) {
            anonymous(widget);
        }

        assertThat(api.start(other, null, null).status()).isEqualTo(201);
    }

    @Test
    void conversationsBeyondTheLimitAreRateLimitedAndNotStarted() {
        Session s = anonymous(api.newWidget());
        for (int i = 0; i < CONVERSATIONS; i++) {
            api.startConversationOk(s.token(), "hello " + i);
        }

        assertRateLimited(api.startConversation(s.token(), "one too many"), 3600);
        assertThat(api.conversationIds(s.token())).hasSize(CONVERSATIONS);
    }

    @Test
    void conversationsCarriedInByAnUpgradeCountTowardNothing() {
        Widget widget = api.newWidget();
        Session s = anonymous(widget);
        for (int i = 0; i < CONVERSATIONS; i++) {
            api.startConversationOk(s.token(), "before login " + i);
        }

        Session user = api.startOk(widget, s.visitorId(), valid(widget, newUserId()));

        assertThat(api.conversationIds(user.token())).hasSize(CONVERSATIONS);
        api.startConversationOk(user.token(), "after login");
    }

    @Test
    void messagesBeyondTheLimitAreRateLimitedAndTheFirstMessageCounts() {
        Session s = anonymous(api.newWidget());
        String c = api.startConversationOk(s.token(), "first");
        for (int i = 1; i < MESSAGES; i++) {
            assertThat(api.postMessage(s.token(), c, "more " + i).status()).isEqualTo(201);
        }

        assertRateLimited(api.postMessage(s.token(), c, "one too many"), 60);
        assertThat(api.messages(s.token(), c).json().path("messages")).hasSize(MESSAGES);
    }

    @Test
    void agentRepliesAreNotLimited() {
        Widget widget = api.newWidget();
        Session s = anonymous(widget);
        String c = api.startConversationOk(s.token(), "first");
        for (int i = 1; i < MESSAGES; i++) {
            api.postMessage(s.token(), c, "more " + i);
        }

        for (int i = 0; i < MESSAGES + 2; i++) {
            Response reply = api.post("/v1/admin/conversations/" + c + "/messages", widget.apiKey(),
                    Map.of("text", "agent " + i));
            assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        }
    }

    @Test
    void refusalsAreCountedByLimit() {
        double before = refusals("new_visitors");
        Widget widget = api.newWidget();
        for (int i = 0; i < NEW_VISITORS; i++) {
            anonymous(widget);
        }

        api.start(widget, null, null);

        assertThat(refusals("new_visitors")).isEqualTo(before + 1);
    }

    @Test
    void startAndVerificationLatenciesHavePrometheusBuckets() {
        Widget widget = api.newWidget();
        api.startOk(widget, null, valid(widget, newUserId()));

        Timer starts = meters.find("visitorauth.session.starts").tag("outcome", "authenticated").timer();
        Timer verifications = meters.find("visitorauth.token.verification.duration").tag("outcome", "valid").timer();
        assertThat(starts).isNotNull();
        assertThat(verifications).isNotNull();
        assertThat(starts.takeSnapshot().histogramCounts()).isNotEmpty();
        assertThat(verifications.takeSnapshot().histogramCounts()).isNotEmpty();
    }
}
