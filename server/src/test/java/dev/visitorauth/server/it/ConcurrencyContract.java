package dev.visitorauth.server.it;

import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Widget;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Simultaneous start-ups over HTTP: many devices of one new user create exactly one user, and a
 * {@code jti} sent by many requests at once is accepted exactly once.
 */
@OnH2
class ConcurrencyContract extends ServerTestBase {
    static final int DEVICES = 50;
    static final int REPLAYS = 20;

    @Test
    void fiftySimultaneousStartUpsOfOneNewUserCreateOneUser() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        List<String> tokens = java.util.stream.IntStream.range(0, DEVICES)
                .mapToObj(i -> sign(widget.secret(), claims(userId).jti().with("name", "Device " + i))).toList();

        List<Response> responses = Concurrently.run(DEVICES, i -> api.start(widget, null, tokens.get(i)));

        assertThat(responses).as("every start-up succeeds").allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(201));
        List<String> visitors = responses.stream().map(r -> r.text("visitorId")).toList();
        assertThat(visitors).doesNotHaveDuplicates();
        assertThat(responses).allSatisfy(r -> assertThat(r.text("user", "id")).isEqualTo(userId));
        assertThat(api.allVisitorIds(widget.workspace(), userId)).hasSize(DEVICES)
                .containsExactlyInAnyOrderElementsOf(visitors);
        Response users = api.users(widget.workspace(), null);
        assertThat(users.json().path("users")).hasSize(1);
    }

    @Test
    void fiftySimultaneousStartUpsWithTheSameTokenWithoutJtiCreateOneUser() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        String token = sign(widget.secret(), claims(userId));

        List<Response> responses = Concurrently.run(DEVICES, i -> api.start(widget, null, token));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(201));
        assertThat(api.allVisitorIds(widget.workspace(), userId)).hasSize(DEVICES);
        assertThat(api.users(widget.workspace(), null).json().path("users")).hasSize(1);
    }

    @Test
    void theSameJtiFromTwentySimultaneousRequestsIsAcceptedOnce() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        String token = sign(widget.secret(), claims(userId).jti());

        List<Response> responses = Concurrently.run(REPLAYS, i -> api.start(widget, null, token));

        Map<String, Long> outcomes = responses.stream()
                .collect(Collectors.groupingBy(r -> r.status() + " " + r.code(), Collectors.counting()));
        assertThat(outcomes).containsOnly(Map.entry("201 null", 1L), Map.entry("401 token_replayed", (long) REPLAYS - 1));
        assertThat(SessionStartContract.visitorIds(api.user(widget.workspace(), userId))).hasSize(1);
        assertThat(api.authFailures(widget).json().path("countsByCode").path("token_replayed").asInt())
                .isEqualTo(REPLAYS - 1);
    }

    @Test
    void simultaneousStartUpsOfOneUserWithCustomDataAllSucceed() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        api.startOk(widget, null, sign(widget.secret(), claims(userId).times(-5, 30).with("customData", Map.of("first", "1"))));

        List<Response> responses = Concurrently.run(REPLAYS, i -> api.start(widget, null,
                sign(widget.secret(), claims(userId).with("customData", Map.of("device" + i, "seen", "shared", "v" + i)))));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(201));
        JsonNode customData = api.user(widget.workspace(), userId).json().path("customData");
        assertThat(customData.has("first")).isTrue();
        assertThat(customData.has("shared")).isTrue();
    }

    /**
     * Merging is key by key (spec section 3): twenty devices of one user, each adding its own key at
     * once, must leave all twenty stored (the user row is locked while each token is merged).
     */
    @Test
    void simultaneousStartUpsOfOneUserLoseNoCustomDataKey() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        api.startOk(widget, null, sign(widget.secret(), claims(userId).times(-5, 30).with("customData", Map.of("first", "1"))));

        List<Response> responses = Concurrently.run(REPLAYS, i -> api.start(widget, null,
                // No iat: tokens minted across a second boundary would otherwise be older than one applied
                // just before, and (rightly) not applied at all.
                sign(widget.secret(), claims(userId).without("iat").with("customData", Map.of("device" + i, "seen")))));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(201));
        JsonNode customData = api.user(widget.workspace(), userId).json().path("customData");
        List<String> lost = java.util.stream.IntStream.range(0, REPLAYS).mapToObj(i -> "device" + i)
                .filter(key -> !customData.has(key)).toList();
        assertThat(lost).as("keys merged by one start-up and dropped by a concurrent one (a lost update)").isEmpty();
    }

    /**
     * Ten users racing to upgrade one anonymous visitor: it ends linked to exactly one of them, with
     * its conversation, and no other user gets it: every other start-up gets the start-up table's
     * answer for "visitor linked to another user", a new visitor of its own (the server re-runs a
     * start-up that lost the race once).
     */
    @Test
    void simultaneousUpgradesOfOneAnonymousVisitorLinkItOnce() {
        Widget widget = api.newWidget();
        ApiClient.Session anonymous = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(anonymous.token(), "Hello");
        List<String> users = java.util.stream.IntStream.range(0, 10).mapToObj(i -> newUserId()).toList();

        List<Response> responses = Concurrently.run(users.size(),
                i -> api.start(widget, anonymous.visitorId(), sign(widget.secret(), claims(users.get(i)))));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(201));
        List<Response> keptTheVisitor = responses.stream()
                .filter(r -> r.status() == 201 && anonymous.visitorId().equals(r.text("visitorId"))).toList();
        assertThat(keptTheVisitor).as("exactly one user upgraded the visitor").hasSize(1);
        String winner = keptTheVisitor.get(0).text("user", "id");
        assertThat(api.adminConversation(widget.workspace(), conversation).text("owner", "user", "id")).isEqualTo(winner);
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            List<String> visitors = SessionStartContract.visitorIds(api.user(widget.workspace(), user));
            List<String> conversations = SessionStartContract.conversationIds(api.user(widget.workspace(), user));
            if (user.equals(winner)) {
                assertThat(visitors).containsExactly(anonymous.visitorId());
                assertThat(conversations).containsExactly(conversation);
            } else {
                assertThat(visitors).hasSize(1).doesNotContain(anonymous.visitorId());
                assertThat(conversations).isEmpty();
            }
        }
    }
}
