package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event streams end to end over real HTTP (spec sections 10 and 14): {@code GET /v1/stream} and
 * {@code GET /v1/admin/stream}.
 */
@OnH2
class StreamContract extends ServerTestBase {

    private ApiClient.Response reply(Widget widget, String conversation, String text) {
        ApiClient.Response r = api.post("/v1/admin/conversations/" + conversation + "/messages", widget.apiKey(),
                Map.of("text", text));
        assertThat(r.status()).as("agent reply: %s", r).isIn(200, 201);
        return r;
    }

    private SseClient stream(String sessionToken, String lastEventId, String... headers) {
        return SseClient.open(port, "/v1/stream", sessionToken, lastEventId, headers);
    }

    @Test
    void anAgentReplyReachesTheOpenStreamAsAnSseEventWithTheEnvelope() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(s.token(), "hello");
        try (SseClient sse = stream(s.token(), null)) {
            assertThat(sse.status).isEqualTo(200);
            assertThat(sse.contentType).startsWith("text/event-stream");

            String messageId = reply(widget, conversation, "Hi, how can I help?").text("id");

            SseClient.Event e = sse.next();
            assertThat(e.type()).isEqualTo("message.created");
            assertThat(e.id()).matches("evt_[1-9][0-9]*");
            assertThat(e.json().path("id").asString()).isEqualTo(e.id());
            assertThat(e.json().path("type").asString()).isEqualTo("message.created");
            assertThat(e.json().path("at").asString()).isNotBlank();
            assertThat(e.json().path("data").path("id").asString()).isEqualTo(messageId);
            assertThat(e.json().path("data").path("text").asString()).isEqualTo("Hi, how can I help?");
            assertThat(e.json().path("data").path("author").asString()).isEqualTo("agent");
            assertThat(e.json().path("data").path("conversationId").asString()).isEqualTo(conversation);
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysEverythingMissedInOrderThenGoesLive() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(s.token(), "hello");
        String lastSeen;
        try (SseClient first = stream(s.token(), null)) {
            reply(widget, conversation, "one");
            lastSeen = first.next().id();
        }
        reply(widget, conversation, "two");
        api.postMessage(s.token(), conversation, "three (mine, from another device)");
        reply(widget, conversation, "four");

        try (SseClient again = stream(s.token(), lastSeen)) {
            List<SseClient.Event> missed = again.next(3);
            reply(widget, conversation, "five");
            SseClient.Event live = again.next();

            assertThat(missed).extracting(e -> e.json().path("data").path("text").asString())
                    .containsExactly("two", "three (mine, from another device)", "four");
            assertThat(live.json().path("data").path("text").asString()).isEqualTo("five");
            long previous = Long.parseLong(lastSeen.substring(4));
            for (SseClient.Event e : List.of(missed.get(0), missed.get(1), missed.get(2), live)) {
                long position = Long.parseLong(e.id().substring(4));
                assertThat(position).isGreaterThan(previous);
                previous = position;
            }
        }
    }

    @Test
    void aNewConversationFromAnotherDeviceOfTheUserArrivesAsConversationCreatedThenMessageCreated() {
        Widget widget = api.newWidget();
        String user = newUserId();
        Session laptop = api.startOk(widget, null, valid(widget, user));
        Session phone = api.startOk(widget, null, valid(widget, user));
        try (SseClient sse = stream(laptop.token(), null)) {
            String conversation = api.startConversationOk(phone.token(), "from my phone");

            List<SseClient.Event> events = sse.next(2);

            assertThat(events).extracting(SseClient.Event::type).containsExactly("conversation.created", "message.created");
            assertThat(events.get(0).json().path("data").path("id").asString()).isEqualTo(conversation);
            assertThat(events.get(1).json().path("data").path("text").asString()).isEqualTo("from my phone");
        }
    }

    @Test
    void anotherVisitorsOrAnotherWorkspacesEventsNeverAppear() {
        Widget widget = api.newWidget();
        Widget elsewhere = api.newWidget(); // a workspace of its own
        Session mine = api.startOk(widget, null, null);
        Session neighbour = api.startOk(widget, null, null);
        Session stranger = api.startOk(elsewhere, null, null);
        String myConversation = api.startConversationOk(mine.token(), "mine");
        try (SseClient sse = stream(mine.token(), null);
             SseClient admin = SseClient.open(port, "/v1/admin/stream", elsewhere.apiKey(), null)) {
            api.startConversationOk(neighbour.token(), "the neighbour's");
            api.startConversationOk(stranger.token(), "the stranger's");
            reply(widget, myConversation, "for me");

            SseClient.Event e = sse.next();
            assertThat(e.json().path("data").path("text").asString()).isEqualTo("for me");
            List<SseClient.Event> adminEvents = admin.next(2);
            assertThat(adminEvents).extracting(x -> x.json().path("data").toString())
                    .noneMatch(d -> d.contains("mine") || d.contains("neighbour") || d.contains("for me"));
            assertThat(sse.poll(Duration.ofMillis(300))).as("nothing else for this session").isNull();
        }
        ApiClient.Response foreign = api.post("/v1/admin/conversations/" + myConversation + "/messages",
                elsewhere.apiKey(), Map.of("text", "x"));
        assertProblem(foreign, 404, "not_found");
    }

    @Test
    void theAdminStreamCarriesIdentityAndConversationEventsAndResumes() {
        Widget widget = api.newWidget();
        try (SseClient admin = SseClient.open(port, "/v1/admin/stream", widget.apiKey(), null)) {
            Session s = api.startOk(widget, null, valid(widget, newUserId()));
            api.startConversationOk(s.token(), "hi");

            List<SseClient.Event> events = admin.next(4);

            assertThat(events).extracting(SseClient.Event::type)
                    .containsExactly("user.created", "visitor.linked", "conversation.created", "message.created");
            try (SseClient resumed = SseClient.open(port, "/v1/admin/stream?after=" + events.get(1).id(), widget.apiKey(),
                    null)) {
                assertThat(resumed.next(2)).extracting(SseClient.Event::id)
                        .containsExactly(events.get(2).id(), events.get(3).id());
            }
        }
    }

    @Test
    void anUpgradeEndsTheAnonymousSessionsStreamWithSessionEndedLinked() {
        Widget widget = api.newWidget();
        Session anonymous = api.startOk(widget, null, null);
        try (SseClient sse = stream(anonymous.token(), null)) {
            api.startOk(widget, anonymous.visitorId(), valid(widget, newUserId()));

            List<SseClient.Event> last = sse.awaitEnd();

            assertThat(last).extracting(SseClient.Event::type).containsExactly("session.ended");
            assertThat(last.get(0).json().path("data").path("reason").asString()).isEqualTo("linked");
        }
    }

    @Test
    void logoutEndsTheSessionsStreamWithSessionEndedLogout() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        try (SseClient sse = stream(s.token(), null)) {
            assertThat(api.endSession(s.token()).status()).isEqualTo(204);

            List<SseClient.Event> last = sse.awaitEnd();

            assertThat(last).extracting(SseClient.Event::type).containsExactly("session.ended");
            assertThat(last.get(0).json().path("data").path("reason").asString()).isEqualTo("logout");
        }
    }

    @Test
    void signOutEverywhereEndsEveryDevicesStreamAndANewSessionStreamsOn() {
        Widget widget = api.newWidget();
        String user = newUserId();
        Session laptop = api.startOk(widget, null, valid(widget, user));
        Session phone = api.startOk(widget, null, valid(widget, user));
        try (SseClient onLaptop = stream(laptop.token(), null); SseClient onPhone = stream(phone.token(), null)) {
            // A cutoff a minute back still revokes every current session, and lets a fresh token start again below.
            ApiClient.Response revoked = api.post("/v1/admin/users/" + user + "/sessions/revoke", widget.apiKey(),
                    Map.of("issuedBefore", java.time.Instant.now().minusSeconds(60).toString()));
            assertThat(revoked.status()).as("revoke: %s", revoked).isEqualTo(200);

            for (SseClient sse : List.of(onLaptop, onPhone)) {
                List<SseClient.Event> last = sse.awaitEnd();
                assertThat(last).extracting(SseClient.Event::type).containsExactly("session.ended");
                assertThat(last.get(0).json().path("data").path("reason").asString()).isEqualTo("revoked");
            }
        }
        Session again = api.startOk(widget, null, valid(widget, user));
        try (SseClient fresh = stream(again.token(), null)) {
            String conversation = api.startConversationOk(again.token(), "back again");
            assertThat(fresh.next(2)).extracting(SseClient.Event::type)
                    .containsExactly("conversation.created", "message.created");
            assertThat(conversation).isNotBlank();
        }
    }

    @Test
    void refusalsAreClearAndNothingIsStreamed() {
        Widget widget = api.newWidget(Map.of("allowedOrigins", List.of("https://shop.example")));
        Session s = api.startOk(widget, null, null);

        SseClient none = stream(null, null);
        assertThat(none.status).isEqualTo(401);
        SseClient badId = stream(s.token(), "42");
        assertThat(badId.status).isEqualTo(400);
        assertThat(badId.body).contains("invalid_request").contains("Last-Event-ID");
        SseClient wrongOrigin = stream(s.token(), null, "Origin", "https://evil.example");
        assertThat(wrongOrigin.status).isEqualTo(403);
        assertThat(wrongOrigin.body).contains("origin_not_allowed");

        List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient ok = stream(s.token(), null, "Origin", "https://shop.example");
                assertThat(ok.status).isEqualTo(200);
                open.add(ok);
            }
            SseClient sixth = stream(s.token(), null);
            assertThat(sixth.status).isEqualTo(429);
            assertThat(sixth.body).contains("rate_limited");
        } finally {
            open.forEach(SseClient::close);
        }
    }
}
