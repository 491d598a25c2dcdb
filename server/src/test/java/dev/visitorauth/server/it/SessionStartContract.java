package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.VisitorTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Spec section 4, row by row, over HTTP: {@code POST /v1/widgets/{id}/sessions} with and without a
 * visitor id and a token, and what the widget, the session and the admin API see afterwards.
 */
@OnH2
class SessionStartContract extends ServerTestBase {

    // ---- no visitor id, no token ----

    @Test
    void noVisitorIdAndNoTokenStartsANewAnonymousVisitor() {
        Widget widget = api.newWidget();

        Session s = api.startOk(widget, null, null);

        assertThat(s.status()).isEqualTo("anonymous");
        assertThat(s.user().isNull()).as("user of an anonymous session").isTrue();
        assertThat(s.visitorId()).isNotBlank();
        assertThat(s.token()).isNotBlank();
        Instant expiresAt = Instant.parse(s.response().text("expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofHours(11), Duration.ofHours(13));

        Response current = api.currentSession(s.token());
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.text("visitorId")).isEqualTo(s.visitorId());
        assertThat(current.text("status")).isEqualTo("anonymous");
        assertThat(current.json().has("sessionToken")).as("GET /v1/session never returns the token").isFalse();
    }

    @Test
    void twoStartsWithoutVisitorIdAreTwoDifferentVisitors() {
        Widget widget = api.newWidget();

        Session a = api.startOk(widget, null, null);
        Session b = api.startOk(widget, null, null);

        assertThat(a.visitorId()).isNotEqualTo(b.visitorId());
        assertThat(a.token()).isNotEqualTo(b.token());
    }

    @Test
    void requiredModeRefusesAStartWithoutTokenWhateverVisitorIdItNames() {
        Widget widget = api.newWidget();
        Session anonymous = api.startOk(widget, null, null);
        assertThat(api.patchWidget(widget, Map.of("mode", "required")).status()).isEqualTo(200);

        assertProblem(api.start(widget, null, null), 401, "token_required");
        assertProblem(api.start(widget, anonymous.visitorId(), null), 401, "token_required");

        JsonNode failures = api.authFailures(widget).json();
        assertThat(failures.path("countsByCode").path("token_required").asInt()).isEqualTo(2);
    }

    @Test
    void inRequiredModeAStartWithoutTokenNamingALinkedVisitorChangesNothing() {
        Widget widget = api.newWidget(Map.of("mode", "required"));
        Session linked = api.startOk(widget, null, valid(widget, newUserId()));

        assertProblem(api.start(widget, linked.visitorId(), null), 401, "token_required");

        assertThat(api.currentSession(linked.token()).text("status")).as("the linked visitor's session was not revoked")
                .isEqualTo("authenticated");
    }

    @Test
    void switchingToRequiredStopsAnonymousSessionsAtOnceButNotAuthenticatedOnes() {
        Widget widget = api.newWidget();
        Session anonymous = api.startOk(widget, null, null);
        Session authenticated = api.startOk(widget, null, valid(widget, newUserId()));

        assertThat(api.patchWidget(widget, Map.of("mode", "required")).status()).isEqualTo(200);

        assertProblem(api.currentSession(anonymous.token()), 401, "unauthenticated");
        assertProblem(api.conversations(anonymous.token()), 401, "unauthenticated");
        assertThat(api.currentSession(authenticated.token()).status()).isEqualTo(200);
    }

    @Test
    void requiredModeStartsAnAuthenticatedSessionWithAValidToken() {
        Widget widget = api.newWidget(Map.of("mode", "required"));
        String userId = newUserId();

        Session s = api.startOk(widget, null, valid(widget, userId));

        assertThat(s.authenticated()).isTrue();
        assertThat(s.userId()).isEqualTo(userId);
    }

    // ---- anonymous V, no token ----

    @Test
    void anAnonymousVisitorWithoutTokenIsResumedWithItsConversations() {
        Widget widget = api.newWidget();
        Session first = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(first.token(), "Hello");

        Session resumed = api.startOk(widget, first.visitorId(), null);

        assertThat(resumed.visitorId()).isEqualTo(first.visitorId());
        assertThat(resumed.status()).isEqualTo("anonymous");
        assertThat(api.conversationIds(resumed.token())).containsExactly(conversation);
    }

    // ---- V linked to a user, no token ----

    @Test
    void aLinkedVisitorWithoutTokenStaysLockedAndANewAnonymousVisitorIsReturned() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session linked = api.startOk(widget, null, valid(widget, userId));
        api.startConversationOk(linked.token(), "My order is late");

        Session other = api.startOk(widget, linked.visitorId(), null);

        assertThat(other.visitorId()).isNotEqualTo(linked.visitorId());
        assertThat(other.status()).isEqualTo("anonymous");
        assertThat(other.user().isNull()).isTrue();
        assertThat(other.response().body()).doesNotContain(userId);
        assertThat(api.conversationIds(other.token())).as("nothing of the locked visitor is exposed").isEmpty();
        assertProblem(api.currentSession(linked.token()), 401, "unauthenticated");
    }

    @Test
    void aLockedVisitorIsResumedByATokenForItsOwnUser() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session linked = api.startOk(widget, null, valid(widget, userId));
        String conversation = api.startConversationOk(linked.token(), "Hello");
        api.startOk(widget, linked.visitorId(), null);

        Session resumed = api.startOk(widget, linked.visitorId(), valid(widget, userId));

        assertThat(resumed.visitorId()).isEqualTo(linked.visitorId());
        assertThat(resumed.authenticated()).isTrue();
        assertThat(api.conversationIds(resumed.token())).containsExactly(conversation);
    }

    // ---- none or unknown visitor id, valid token ----

    @Test
    void aTokenWithoutVisitorIdCreatesTheUserAndANewVisitorLinkedToIt() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        assertProblem(api.user(widget.workspace(), userId), 404, "not_found");

        Session s = api.startOk(widget, null, sign(widget.secret(), claims(userId).with("name", "Ada Lovelace")
                .with("email", "ada@example.com")));

        assertThat(s.authenticated()).isTrue();
        assertThat(s.userId()).isEqualTo(userId);
        assertThat(ApiClient.text(s.user(), "name")).isEqualTo("Ada Lovelace");
        assertThat(ApiClient.text(s.user(), "email")).isEqualTo("ada@example.com");
        Response user = api.user(widget.workspace(), userId);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.text("name")).isEqualTo("Ada Lovelace");
        assertThat(visitorIds(user)).containsExactly(s.visitorId());
    }

    @Test
    void aTokenWithAnUnknownVisitorIdCreatesANewLinkedVisitor() {
        Widget widget = api.newWidget();
        String unknown = "v_unknown0123456789abcdefABCDEF";

        Session s = api.startOk(widget, unknown, valid(widget, newUserId()));

        assertThat(s.visitorId()).isNotEqualTo(unknown);
        assertThat(s.authenticated()).isTrue();
    }

    @Test
    void aUsersConversationsFollowItAcrossDevices() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session laptop = api.startOk(widget, null, valid(widget, userId));
        String conversation = api.startConversationOk(laptop.token(), "Started on my laptop");

        Session phone = api.startOk(widget, null, valid(widget, userId));

        assertThat(phone.visitorId()).isNotEqualTo(laptop.visitorId());
        assertThat(api.conversationIds(phone.token())).containsExactly(conversation);
        assertThat(api.postMessage(phone.token(), conversation, "Continued on my phone").status()).isEqualTo(201);
        JsonNode messages = api.messages(laptop.token(), conversation).json().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(ApiClient.text(messages.get(1), "text")).isEqualTo("Continued on my phone");
        assertThat(visitorIds(api.user(widget.workspace(), userId))).containsExactlyInAnyOrder(laptop.visitorId(),
                phone.visitorId());
    }

    @Test
    void integerAndStringIdsNameTheSameUser() {
        Widget widget = api.newWidget();
        long numeric = System.nanoTime();

        Session a = api.startOk(widget, null, sign(widget.secret(), claims("x").with("id", numeric)));
        Session b = api.startOk(widget, null, sign(widget.secret(), claims(Long.toString(numeric))));

        assertThat(a.userId()).isEqualTo(Long.toString(numeric));
        assertThat(b.userId()).isEqualTo(a.userId());
        assertThat(visitorIds(api.user(widget.workspace(), Long.toString(numeric)))).hasSize(2);
    }

    // ---- anonymous V, valid token: upgrade ----

    @Test
    void upgradeLinksTheAnonymousVisitorAndMovesItsConversationsToTheUser() {
        Widget widget = api.newWidget();
        Session anonymous = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(anonymous.token(), "Asked before logging in");
        String userId = newUserId();

        Session upgraded = api.startOk(widget, anonymous.visitorId(), valid(widget, userId));

        assertThat(upgraded.visitorId()).isEqualTo(anonymous.visitorId());
        assertThat(upgraded.authenticated()).isTrue();
        assertThat(upgraded.userId()).isEqualTo(userId);
        assertThat(api.conversationIds(upgraded.token())).containsExactly(conversation);

        Response owner = api.adminConversation(widget.workspace(), conversation);
        assertThat(owner.text("owner", "type")).isEqualTo("user");
        assertThat(owner.text("owner", "user", "id")).isEqualTo(userId);
        Response user = api.user(widget.workspace(), userId);
        assertThat(conversationIds(user)).containsExactly(conversation);
        assertThat(visitorIds(user)).containsExactly(anonymous.visitorId());

        Session otherDevice = api.startOk(widget, null, valid(widget, userId));
        assertThat(api.conversationIds(otherDevice.token())).containsExactly(conversation);
    }

    @Test
    void upgradeRevokesTheVisitorsAnonymousSessions() {
        Widget widget = api.newWidget();
        Session anonymous = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(anonymous.token(), "Hello");

        api.startOk(widget, anonymous.visitorId(), valid(widget, newUserId()));

        assertProblem(api.currentSession(anonymous.token()), 401, "unauthenticated");
        assertProblem(api.conversations(anonymous.token()), 401, "unauthenticated");
        assertProblem(api.messages(anonymous.token(), conversation), 401, "unauthenticated");
        assertProblem(api.postMessage(anonymous.token(), conversation, "still me?"), 401, "unauthenticated");
    }

    @Test
    void messagesSayWhetherTheirAuthorWasAuthenticatedWhenWritten() {
        Widget widget = api.newWidget();
        Session anonymous = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(anonymous.token(), "before login");
        Session upgraded = api.startOk(widget, anonymous.visitorId(), valid(widget, newUserId()));

        assertThat(api.postMessage(upgraded.token(), conversation, "after login").json().path("authenticated").asBoolean())
                .isTrue();

        JsonNode messages = api.adminConversation(widget.workspace(), conversation).json().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("authenticated").asBoolean()).isFalse();
        assertThat(messages.get(1).path("authenticated").asBoolean()).isTrue();
        assertThat(ApiClient.text(messages.get(1), "author")).isEqualTo("visitor");
    }

    @Test
    void upgradeToAnExistingUserAddsTheVisitorsConversationsToTheUsers() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session laptop = api.startOk(widget, null, valid(widget, userId));
        String fromLaptop = api.startConversationOk(laptop.token(), "from the laptop");
        Session phone = api.startOk(widget, null, null);
        String fromPhone = api.startConversationOk(phone.token(), "from the phone, anonymously");

        api.startOk(widget, phone.visitorId(), valid(widget, userId));

        assertThat(api.conversationIds(laptop.token())).containsExactlyInAnyOrder(fromLaptop, fromPhone);
        assertThat(visitorIds(api.user(widget.workspace(), userId))).containsExactlyInAnyOrder(laptop.visitorId(),
                phone.visitorId());
    }

    // ---- V linked to U, token for U ----

    @Test
    void aLinkedVisitorWithATokenForItsUserIsResumedAndTheProfileUpdated() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session first = api.startOk(widget, null, sign(widget.secret(), claims(userId).with("name", "Ada")));

        Session resumed = api.startOk(widget, first.visitorId(),
                sign(widget.secret(), claims(userId).with("name", "Ada Lovelace").with("companyName", "Analytical Engines")));

        assertThat(resumed.visitorId()).isEqualTo(first.visitorId());
        assertThat(resumed.authenticated()).isTrue();
        assertThat(ApiClient.text(resumed.user(), "name")).isEqualTo("Ada Lovelace");
        Response user = api.user(widget.workspace(), userId);
        assertThat(user.text("name")).isEqualTo("Ada Lovelace");
        assertThat(user.text("companyName")).isEqualTo("Analytical Engines");
        assertThat(visitorIds(user)).containsExactly(first.visitorId());
    }

    // ---- V linked to U1, token for U2 ----

    @Test
    void aLinkedVisitorWithATokenForAnotherUserGetsANewVisitorAndNothingMoves() {
        Widget widget = api.newWidget();
        String u1 = newUserId();
        String u2 = newUserId();
        Session first = api.startOk(widget, null, valid(widget, u1));
        String u1Conversation = api.startConversationOk(first.token(), "U1's question");

        Session second = api.startOk(widget, first.visitorId(), valid(widget, u2));

        assertThat(second.visitorId()).isNotEqualTo(first.visitorId());
        assertThat(second.userId()).isEqualTo(u2);
        assertThat(api.conversationIds(second.token())).isEmpty();
        assertProblem(api.currentSession(first.token()), 401, "unauthenticated");

        Response user1 = api.user(widget.workspace(), u1);
        assertThat(visitorIds(user1)).containsExactly(first.visitorId());
        assertThat(conversationIds(user1)).containsExactly(u1Conversation);
        Response user2 = api.user(widget.workspace(), u2);
        assertThat(visitorIds(user2)).containsExactly(second.visitorId());
        assertThat(conversationIds(user2)).isEmpty();
    }

    @Test
    void aVisitorLeftForAnotherUserIsStillResumedByItsOwnUsersToken() {
        Widget widget = api.newWidget();
        String u1 = newUserId();
        Session first = api.startOk(widget, null, valid(widget, u1));
        String u1Conversation = api.startConversationOk(first.token(), "U1's question");
        api.startOk(widget, first.visitorId(), valid(widget, newUserId()));

        Session back = api.startOk(widget, first.visitorId(), valid(widget, u1));

        assertThat(back.visitorId()).isEqualTo(first.visitorId());
        assertThat(back.userId()).isEqualTo(u1);
        assertThat(api.conversationIds(back.token())).containsExactly(u1Conversation);
    }

    // ---- any visitor id, invalid token ----

    @Test
    void anInvalidTokenIsRefusedAndChangesNothing() {
        Widget widget = api.newWidget();
        Session anonymous = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(anonymous.token(), "Hello");
        String userId = newUserId();
        String forged = sign(VisitorTokens.STRANGER_SECRET, claims(userId));

        assertTokenRefused(api.start(widget, anonymous.visitorId(), forged), "invalid_signature", forged);

        assertProblem(api.user(widget.workspace(), userId), 404, "not_found");
        assertThat(api.currentSession(anonymous.token()).text("status")).isEqualTo("anonymous");
        assertThat(api.adminConversation(widget.workspace(), conversation).text("owner", "type")).isEqualTo("visitor");
        Session resumed = api.startOk(widget, anonymous.visitorId(), null);
        assertThat(resumed.visitorId()).isEqualTo(anonymous.visitorId());
        assertThat(api.conversationIds(resumed.token())).containsExactly(conversation);
    }

    @Test
    void anInvalidTokenForALinkedVisitorLeavesItsSessionsAlone() {
        Widget widget = api.newWidget();
        Session linked = api.startOk(widget, null, valid(widget, newUserId()));
        String expired = sign(widget.secret(), claims(newUserId()).times(-300, -200));

        assertTokenRefused(api.start(widget, linked.visitorId(), expired), "token_expired", expired);

        assertThat(api.currentSession(linked.token()).text("status")).isEqualTo("authenticated");
    }

    @Test
    void aStartRefusedInsideTheTransactionLeavesNothingBehindNotEvenTheJti() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Map<String, Object> thirty = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            thirty.put("a" + i, "x");
        }
        api.startOk(widget, null, sign(widget.secret(), claims(userId).with("customData", thirty)));
        Session anonymous = api.startOk(widget, null, null);
        String anonymousConversation = api.startConversationOk(anonymous.token(), "Hello");
        Map<String, Object> thirtyMore = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            thirtyMore.put("b" + i, "y");
        }
        String jti = "jti-" + newUserId();
        String overTheCap = sign(widget.secret(), claims(userId).with("jti", jti).with("name", "Changed")
                .with("customData", thirtyMore));

        Response refused = assertTokenRefused(api.start(widget, anonymous.visitorId(), overTheCap), "invalid_claim", overTheCap);

        assertThat(refused.text("claim")).isEqualTo("customData");
        Response user = api.user(widget.workspace(), userId);
        assertThat(user.text("name")).as("the profile was not updated").isNull();
        assertThat(user.json().path("customData").size()).isEqualTo(30);
        assertThat(visitorIds(user)).as("the anonymous visitor was not linked").hasSize(1);
        assertThat(api.adminConversation(widget.workspace(), anonymousConversation).text("owner", "type")).isEqualTo("visitor");
        assertThat(api.currentSession(anonymous.token()).status()).isEqualTo(200);
        Session retried = api.startOk(widget, anonymous.visitorId(), sign(widget.secret(), claims(userId).with("jti", jti)));
        assertThat(retried.authenticated()).as("the jti of the rolled-back start was not consumed").isTrue();
    }

    @Test
    void observeModeHandlesAnInvalidTokenAsNoTokenAndRecordsTheFailure() {
        Widget widget = api.newWidget(Map.of("mode", "observe"));
        Session anonymous = api.startOk(widget, null, null);
        String forged = sign(VisitorTokens.STRANGER_SECRET, claims(newUserId()));

        Session s = api.startOk(widget, anonymous.visitorId(), forged);

        assertThat(s.visitorId()).isEqualTo(anonymous.visitorId());
        assertThat(s.status()).isEqualTo("anonymous");
        JsonNode failures = api.authFailures(widget).json().path("failures");
        assertThat(failures).hasSize(1);
        assertThat(ApiClient.text(failures.get(0), "code")).isEqualTo("invalid_signature");
    }

    @Test
    void observeModeStillLinksAValidToken() {
        Widget widget = api.newWidget(Map.of("mode", "observe"));
        String userId = newUserId();

        Session s = api.startOk(widget, null, valid(widget, userId));

        assertThat(s.authenticated()).isTrue();
        assertThat(s.userId()).isEqualTo(userId);
    }

    static List<String> visitorIds(Response user) {
        assertThat(user.status()).as("admin user: %s", user).isEqualTo(200);
        return user.json().path("visitors").valueStream().map(v -> ApiClient.text(v, "id")).toList();
    }

    static List<String> conversationIds(Response user) {
        assertThat(user.status()).as("admin user: %s", user).isEqualTo(200);
        return user.json().path("conversations").valueStream().map(v -> ApiClient.text(v, "id")).toList();
    }
}
