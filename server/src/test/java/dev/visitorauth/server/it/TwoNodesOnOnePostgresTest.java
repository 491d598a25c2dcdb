package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.server.it.ServerTestBase.assertProblem;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one PostgreSQL database (spec section 4's "two nodes", issue item 6):
 * they share nothing but the database and the configured master and system keys, and together
 * create one user per external id, accept a {@code jti} once, see each other's rotations, sessions
 * and failure counts at once.
 */
class TwoNodesOnOnePostgresTest {
    /** Above the twenty-odd failures of the replay test, low enough to reach in a test. */
    private static final int FAILURE_LIMIT = 25;

    private static TestServers.Node nodeA;
    private static TestServers.Node nodeB;
    private static ApiClient a;
    private static ApiClient b;

    @BeforeAll
    static void startTwoNodes() {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        String database = SharedPostgres.newDatabase();
        nodeA = TestServers.Node.start(node(database, masterKey, "a"));
        nodeB = TestServers.Node.start(node(database, masterKey, "b"));
        a = nodeA.api();
        b = nodeB.api();
    }

    private static Map<String, Object> node(String database, byte[] masterKey, String name) {
        Map<String, Object> p = new LinkedHashMap<>(TestServers.properties(database, "postgres",
                TestServers.tempDirectory("visitorauth-it-node-" + name + "-")));
        p.put("visitorauth.master-key", Base64.getEncoder().encodeToString(masterKey));
        p.put("visitorauth.failure-limit", Integer.toString(FAILURE_LIMIT));
        return p;
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    private static ApiClient node(int i) {
        return i % 2 == 0 ? a : b;
    }

    @Test
    void startUpsSplitAcrossBothNodesCreateOneUser() {
        Widget widget = a.newWidget();
        String userId = newUserId();
        List<String> tokens = IntStream.range(0, ConcurrencyContract.DEVICES)
                .mapToObj(i -> sign(widget.secret(), claims(userId).jti())).toList();

        List<Response> responses = Concurrently.run(tokens.size(), i -> node(i).start(widget, null, tokens.get(i)));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(201));
        assertThat(a.allVisitorIds(widget.workspace(), userId)).hasSize(tokens.size());
        assertThat(b.allVisitorIds(widget.workspace(), userId)).hasSize(tokens.size());
        assertThat(b.users(widget.workspace(), null).json().path("users")).hasSize(1);
    }

    @Test
    void theSameJtiSentToBothNodesAtOnceIsAcceptedOnce() {
        Widget widget = a.newWidget();
        String token = sign(widget.secret(), claims(newUserId()).jti());

        List<Response> responses = Concurrently.run(ConcurrencyContract.REPLAYS, i -> node(i).start(widget, null, token));

        Map<String, Long> outcomes = responses.stream()
                .collect(Collectors.groupingBy(r -> r.status() + " " + r.code(), Collectors.counting()));
        assertThat(outcomes).containsOnly(Map.entry("201 null", 1L),
                Map.entry("401 token_replayed", (long) ConcurrencyContract.REPLAYS - 1));
    }

    @Test
    void aJtiAcceptedByOneNodeIsReplayedOnTheOther() {
        Widget widget = a.newWidget();
        String token = sign(widget.secret(), claims(newUserId()).jti());

        assertThat(a.start(widget, null, token).status()).isEqualTo(201);

        assertProblem(b.start(widget, null, token), 401, "token_replayed", "jti");
    }

    /**
     * Node B caches the widget's keyring; node A's rotation (grace 0) evicts it there through
     * {@code NOTIFY} (issue 12: within a second; the cache's 30 s time-to-live would be far later).
     */
    @Test
    void aRotationThroughOneNodeIsSeenByTheOtherWithinASecond() throws InterruptedException {
        Widget old = a.newWidget();
        assertThat(b.start(old, null, valid(old, newUserId())).status()).as("node B has used the old secret").isEqualTo(201);
        assertThat(b.start(old, null, valid(old, newUserId())).status()).as("node B, from its cache").isEqualTo(201);

        Widget rotated = a.rotateOk(old, null);
        long rotatedAt = System.nanoTime();

        Response refused = b.start(old, null, valid(old, newUserId()));
        while (refused.status() == 201 && System.nanoTime() - rotatedAt < java.time.Duration.ofSeconds(1).toNanos()) {
            Thread.sleep(20);
            refused = b.start(old, null, valid(old, newUserId()));
        }
        assertProblem(refused, 401, "secret_rotated");
        assertThat(b.start(old, null, valid(rotated, newUserId())).status()).isEqualTo(201);
        assertThat(b.get("/v1/admin/widgets/" + old.id() + "/secret", old.apiKey()).text("secret"))
                .as("node B decrypts the secret node A wrote").isEqualTo(rotated.secret());
    }

    @Test
    void aSessionStartedOnOneNodeWorksOnTheOtherAndEndsOnBoth() {
        Widget widget = a.newWidget();
        Session s = a.startOk(widget, null, valid(widget, newUserId()));
        String conversation = b.startConversationOk(s.token(), "asked through node B");

        assertThat(a.conversationIds(s.token())).containsExactly(conversation);
        assertThat(b.endSession(s.token()).status()).isEqualTo(204);

        assertProblem(a.currentSession(s.token()), 401, "unauthenticated");
    }

    @Test
    void failedVerificationsCountAgainstOneBudgetAcrossNodes() {
        Widget widget = a.newWidget();
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertProblem(node(i).start(widget, null, "not-a-token"), 401, "malformed_token");
        }

        assertProblem(a.start(widget, null, "not-a-token"), 429, "rate_limited");
        assertProblem(b.start(widget, null, "not-a-token"), 429, "rate_limited");
        assertThat(a.authFailures(widget).json().path("countsByCode").path("malformed_token").asInt()).isEqualTo(FAILURE_LIMIT);
    }

    @Test
    void aCursorIssuedByOneNodeOpensOnTheOtherAndAnErasureOnOneKillsSessionsOnBoth() {
        Widget widget = a.newWidget();
        String userId = newUserId();
        ApiClient.Session s = a.startOk(widget, null, ApiClient.valid(widget, userId));
        for (int i = 0; i < 3; i++) {
            a.startConversationOk(s.token(), "c" + i);
        }
        String cursor = a.get("/v1/conversations?limit=2", s.token()).text("nextCursor");
        assertThat(cursor).isNotNull();

        ApiClient.Response onB = b.get("/v1/conversations?limit=2&cursor=" + ApiClient.encode(cursor), s.token());
        assertThat(onB.status()).as("%s", onB).isEqualTo(200);
        assertThat(onB.json().path("conversations").size()).isEqualTo(1);

        assertThat(b.delete("/v1/admin/users/" + ApiClient.encode(userId), widget.apiKey()).status()).isEqualTo(204);
        assertThat(a.currentSession(s.token()).status()).isEqualTo(401);
        assertThat(b.currentSession(s.token()).status()).isEqualTo(401);
    }
}
