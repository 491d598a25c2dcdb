package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.server.it.ApiClient.Workspace;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Who may read what: sessions only reach their own visitor's or user's conversations, ended and
 * revoked sessions reach nothing, and one workspace's API key sees nothing of another's.
 */
@OnH2
class AccessControlContract extends ServerTestBase {

    // ---- widget sessions ----

    @Test
    void aSessionCannotReadOrWriteAnotherVisitorsConversation() {
        Widget widget = api.newWidget();
        Session owner = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(owner.token(), "private");
        Session stranger = api.startOk(widget, null, null);

        assertProblem(api.messages(stranger.token(), conversation), 403, "forbidden");
        assertProblem(api.postMessage(stranger.token(), conversation, "let me in"), 403, "forbidden");
        assertThat(api.conversationIds(stranger.token())).isEmpty();
        assertThat(api.messages(owner.token(), conversation).json().path("messages")).hasSize(1);
    }

    @Test
    void aUsersSessionCannotReadAnotherUsersConversation() {
        Widget widget = api.newWidget();
        Session alice = api.startOk(widget, null, valid(widget, newUserId()));
        String conversation = api.startConversationOk(alice.token(), "Alice's question");
        Session bob = api.startOk(widget, null, valid(widget, newUserId()));

        assertProblem(api.messages(bob.token(), conversation), 403, "forbidden");
        assertProblem(api.postMessage(bob.token(), conversation, "hi"), 403, "forbidden");
        assertThat(api.conversationIds(bob.token())).isEmpty();
    }

    @Test
    void anAnonymousSessionCannotReadAUsersConversation() {
        Widget widget = api.newWidget();
        Session alice = api.startOk(widget, null, valid(widget, newUserId()));
        String conversation = api.startConversationOk(alice.token(), "Alice's question");
        Session anonymous = api.startOk(widget, null, null);

        assertProblem(api.messages(anonymous.token(), conversation), 403, "forbidden");
    }

    @Test
    void anEndedSessionIsRefused() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, valid(widget, newUserId()));
        String conversation = api.startConversationOk(s.token(), "Hello");

        Response ended = api.endSession(s.token());

        assertThat(ended.status()).isEqualTo(204);
        assertProblem(api.currentSession(s.token()), 401, "unauthenticated");
        assertProblem(api.conversations(s.token()), 401, "unauthenticated");
        assertProblem(api.messages(s.token(), conversation), 401, "unauthenticated");
        assertProblem(api.endSession(s.token()), 401, "unauthenticated");
    }

    @Test
    void endingOneSessionLeavesTheUsersOtherDevicesSignedIn() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session laptop = api.startOk(widget, null, valid(widget, userId));
        Session phone = api.startOk(widget, null, valid(widget, userId));

        api.endSession(laptop.token());

        assertThat(api.currentSession(phone.token()).status()).isEqualTo(200);
    }

    @Test
    void aSessionOfOneWorkspaceCannotFindAnotherWorkspacesConversation() {
        Widget a = api.newWidget();
        Widget b = api.newWidget();
        Session inA = api.startOk(a, null, null);
        String conversation = api.startConversationOk(inA.token(), "in workspace A");
        Session inB = api.startOk(b, null, null);

        assertProblem(api.messages(inB.token(), conversation), 404, "not_found");
        assertProblem(api.postMessage(inB.token(), conversation, "hello?"), 404, "not_found");
    }

    @Test
    void aVisitorIdOfAnotherWorkspaceIsNotResumed() {
        Widget a = api.newWidget();
        Widget b = api.newWidget();
        Session inA = api.startOk(a, null, null);
        api.startConversationOk(inA.token(), "in workspace A");

        Session inB = api.startOk(b, inA.visitorId(), null);

        assertThat(inB.visitorId()).isNotEqualTo(inA.visitorId());
        assertThat(api.conversationIds(inB.token())).isEmpty();
    }

    // ---- browsers ----

    @Test
    void browsersMayCallTheWidgetPathsButNotTheAdminPaths() {
        Widget widget = api.newWidget();

        Response widgetPreflight = api.send("OPTIONS", "/v1/widgets/" + widget.id() + "/sessions", null, null,
                "Origin", "https://shop.example.com", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        Response adminPreflight = api.send("OPTIONS", "/v1/admin/widgets/" + widget.id(), null, null,
                "Origin", "https://shop.example.com", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");

        assertThat(widgetPreflight.status()).isEqualTo(200);
        assertThat(widgetPreflight.header("Access-Control-Allow-Origin")).isPresent();
        assertThat(widgetPreflight.header("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(adminPreflight.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void everyApiResponseIsMarkedNoStore() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);

        assertThat(s.response().header("Cache-Control")).hasValue("no-store");
        assertThat(api.get("/v1/admin/widgets/" + widget.id() + "/secret", widget.apiKey()).header("Cache-Control"))
                .hasValue("no-store");
    }

    // ---- agents ----

    @Test
    void anAgentsReplyIsShownToTheVisitor() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, valid(widget, newUserId()));
        String conversation = api.startConversationOk(s.token(), "Where is my order?");

        Response reply = api.post("/v1/admin/conversations/" + conversation + "/messages", widget.apiKey(),
                Map.of("text", "On its way"));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode messages = api.messages(s.token(), conversation).json().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(ApiClient.text(messages.get(1), "author")).isEqualTo("agent");
        assertThat(ApiClient.text(messages.get(1), "text")).isEqualTo("On its way");
        JsonNode listed = api.conversations(s.token()).json().path("conversations").get(0);
        assertThat(listed.path("messageCount").intValue()).as("stored count").isEqualTo(2);
        assertThat(ApiClient.text(listed, "lastMessageAt")).isEqualTo(ApiClient.text(messages.get(1), "createdAt"));
    }

    @Test
    void conversationsAreListedByMostRecentActivityAndMessagesOldestFirst() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        String older = api.startConversationOk(s.token(), "first question");
        String newer = api.startConversationOk(s.token(), "second question");
        assertThat(api.conversationIds(s.token())).containsExactly(newer, older);

        api.postMessage(s.token(), older, "follow-up");

        assertThat(api.conversationIds(s.token())).as("most recent activity first").containsExactly(older, newer);
        JsonNode messages = api.messages(s.token(), older).json().path("messages");
        assertThat(messages.valueStream().map(m -> ApiClient.text(m, "text")).toList())
                .containsExactly("first question", "follow-up");
    }

    @Test
    void usersAreListedInPagesAndFoundByNameOrEmail() {
        Widget widget = api.newWidget();
        for (String name : new String[] {"Ada", "Grace", "Katherine"}) {
            api.startOk(widget, null, sign(widget.secret(), claims("id-" + name.toLowerCase()).with("name", name)
                    .with("email", name.toLowerCase() + "@example.com")));
        }

        Response page1 = api.get("/v1/admin/users?limit=2", widget.apiKey());
        assertThat(page1.json().path("users")).hasSize(2);
        String cursor = page1.text("nextCursor");
        assertThat(cursor).isNotNull();
        Response page2 = api.get("/v1/admin/users?limit=2&cursor=" + ApiClient.encode(cursor), widget.apiKey());
        assertThat(page2.json().path("users")).hasSize(1);
        assertThat(page2.json().path("nextCursor").isNull()).isTrue();
        assertThat(page1.json().path("users").valueStream().map(u -> ApiClient.text(u, "id")).toList())
                .doesNotContain(ApiClient.text(page2.json().path("users").get(0), "id"));

        assertThat(api.users(widget.workspace(), "GRACE").json().path("users").valueStream()
                .map(u -> ApiClient.text(u, "id")).toList()).containsExactly("id-grace");
        assertThat(api.users(widget.workspace(), "katherine@").json().path("users")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth0|5f7c8ec7", "ada@example.com", "ü ser", "a%2Fb", "x;y", "1234567890123456789"})
    void anyExternalIdCanBeLookedUpByAnAdmin(String externalId) {
        Widget widget = api.newWidget();
        api.startOk(widget, null, valid(widget, externalId));

        Response user = api.user(widget.workspace(), externalId);

        assertThat(user.status()).as("%s", user).isEqualTo(200);
        assertThat(user.text("id")).isEqualTo(externalId);
    }

    /**
     * An external id is any string (spec section 3), and companies do use ids like {@code team/42}.
     * Percent-encoded as {@code team%2F42} in the path, a servlet container refuses it by default with
     * its own HTML 400 page before Spring sees it (an encoded solidus is "ambiguous").
     */
    @Test
    void anExternalIdWithASlashCanBeLookedUpByAnAdmin() {
        Widget widget = api.newWidget();
        api.startOk(widget, null, valid(widget, "team/42"));

        Response user = api.user(widget.workspace(), "team/42");

        assertThat(user.status()).as("%s", user).isEqualTo(200);
        assertThat(user.text("id")).isEqualTo("team/42");
    }

    // ---- tenant isolation ----

    @Test
    void anotherWorkspacesKeyCannotSeeOrChangeAWidget() {
        Widget widget = api.newWidget();
        Workspace other = api.createWorkspace();
        String path = "/v1/admin/widgets/" + widget.id();

        assertProblem(api.get(path, other.apiKey()), 404, "widget_not_found");
        assertProblem(api.patch(path, other.apiKey(), Map.of("mode", "observe")), 404, "widget_not_found");
        assertProblem(api.get(path + "/secret", other.apiKey()), 404, "widget_not_found");
        Response rotate = assertProblem(api.post(path + "/secret/rotate", other.apiKey(), Map.of()), 404, "widget_not_found");
        assertThat(rotate.body()).doesNotContain(widget.secret());

        Response own = api.get(path, widget.apiKey());
        assertThat(own.text("policy", "mode")).isEqualTo("optional");
        assertThat(own.text("keyId")).isEqualTo(widget.keyId());
        assertThat(api.get(path + "/secret", widget.apiKey()).text("secret")).isEqualTo(widget.secret());
        assertThat(api.start(widget, null, valid(widget, newUserId())).status()).isEqualTo(201);
    }

    @Test
    void anotherWorkspacesKeyCannotReadAWidgetsDiagnostics() {
        Widget widget = api.newWidget();
        api.start(widget, null, valid(api.createWidget(widget.workspace()), newUserId()));
        Workspace other = api.createWorkspace();
        String path = "/v1/admin/widgets/" + widget.id();

        assertProblem(api.get(path + "/auth-failures", other.apiKey()), 404, "widget_not_found");
        assertProblem(api.post(path + "/token-inspections", other.apiKey(), Map.of("token", valid(widget, "x"))), 404,
                "widget_not_found");
        assertThat(api.authFailures(widget).json().path("failures")).hasSize(1);
    }

    @Test
    void anotherWorkspacesKeyCannotSeeItsUsersOrConversations() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session s = api.startOk(widget, null, sign(widget.secret(), claims(userId).with("name", "Ada")));
        String conversation = api.startConversationOk(s.token(), "Hello");
        Workspace other = api.createWorkspace();

        assertProblem(api.user(other, userId), 404, "not_found");
        Response list = api.users(other, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("users")).isEmpty();
        assertThat(api.users(other, "Ada").json().path("users")).isEmpty();
        assertProblem(api.adminConversation(other, conversation), 404, "not_found");
        assertProblem(api.post("/v1/admin/conversations/" + conversation + "/messages", other.apiKey(), Map.of("text", "hi")),
                404, "not_found");
        assertThat(api.messages(s.token(), conversation).json().path("messages")).hasSize(1);
        assertThat(api.users(widget.workspace(), null).json().path("users")).hasSize(1);
    }

    @Test
    void theSameExternalIdInTwoWorkspacesIsTwoUsers() {
        Widget a = api.newWidget();
        Widget b = api.newWidget();
        String userId = newUserId();
        Session inA = api.startOk(a, null, sign(a.secret(), claims(userId).with("name", "In A")));
        String conversation = api.startConversationOk(inA.token(), "in A");

        Session inB = api.startOk(b, null, sign(b.secret(), claims(userId).with("name", "In B")));

        assertThat(api.conversationIds(inB.token())).isEmpty();
        assertThat(api.user(a.workspace(), userId).text("name")).isEqualTo("In A");
        assertThat(api.user(b.workspace(), userId).text("name")).isEqualTo("In B");
        assertThat(SessionStartContract.conversationIds(api.user(a.workspace(), userId))).containsExactly(conversation);
    }

    @Test
    void aWidgetSecretOfOneWorkspaceDoesNotSignForAnother() {
        Widget a = api.newWidget();
        Widget b = api.newWidget();
        String token = valid(a, newUserId());

        assertTokenRefused(api.start(b, null, token), "invalid_signature", token);
    }
}
