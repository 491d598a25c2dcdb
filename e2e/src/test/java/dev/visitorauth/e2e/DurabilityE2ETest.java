package dev.visitorauth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.e2e.E2EServer.Response;
import dev.visitorauth.e2e.E2EServer.Widget;
import dev.visitorauth.testing.VisitorTokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spec section 8: a 2xx answer means the change is on disk. The server jar runs on its embedded
 * default (H2 in the data directory); it answers a secret rotation, a start that consumes a
 * {@code jti}, an upgrade and a message, and is killed with {@code SIGKILL} the moment after the
 * last answer. Restarted on the same directory, it has every one of them.
 */
class DurabilityE2ETest {
    private final Path dataDir = ServerProcess.freshDataDirectory();
    private ServerProcess process;

    @AfterEach
    void cleanUp() {
        if (process != null) {
            process.stop();
        }
        ServerProcess.deleteRecursively(dataDir);
    }

    @Test
    void everyAnsweredChangeSurvivesKillMinusNineOfTheServer() {
        process = ServerProcess.start(dataDir, Map.of());
        E2EServer server = new E2EServer(process);
        Widget widget = server.createWidget("durability");
        Map<String, Object> anonymous = server.call("POST", "/v1/widgets/" + widget.id() + "/sessions", null, Map.of(), 201);
        String visitorId = (String) anonymous.get("visitorId");
        String anonymousSession = (String) anonymous.get("sessionToken");
        Map<String, Object> conversation = server.call("POST", "/v1/conversations", anonymousSession,
                Map.of("text", "Hello before logging in"), 201);
        String conversationId = (String) conversation.get("id");
        String upgradedUser = "durable-" + UUID.randomUUID();
        String messageText = "Written just before the crash " + UUID.randomUUID();

        // The answered changes, back to back, then SIGKILL at once.
        Map<String, Object> rotated = server.call("POST", "/v1/admin/widgets/" + widget.id() + "/secret/rotate", widget.apiKey(),
                Map.of("graceSeconds", 0), 200);
        String newSecret = (String) rotated.get("secret");
        String jtiToken = token(newSecret, "jti-user-" + UUID.randomUUID(), true);
        server.call("POST", "/v1/widgets/" + widget.id() + "/sessions", null, Map.of("visitorToken", jtiToken), 201);
        Map<String, Object> upgraded = server.call("POST", "/v1/widgets/" + widget.id() + "/sessions", null,
                Map.of("visitorId", visitorId, "visitorToken", token(newSecret, upgradedUser, false)), 201);
        assertThat(upgraded.get("status")).isEqualTo("authenticated");
        server.call("POST", "/v1/conversations/" + conversationId + "/messages", (String) upgraded.get("sessionToken"),
                Map.of("text", messageText), 201);
        process.kill9();

        process = ServerProcess.start(dataDir, Map.of());
        server = new E2EServer(process);
        String sessions = "/v1/widgets/" + widget.id() + "/sessions";
        assertThat(server.send("POST", sessions, null, Map.of("visitorToken", token(widget.secret(), "leaked", false))).status())
                .as("the rotated-out secret (grace 0) verifies no more").isEqualTo(401);
        assertThat(server.send("POST", sessions, null, Map.of("visitorToken", token(newSecret, "after-crash", false))).status())
                .as("the new secret verifies").isEqualTo(201);
        Response replay = server.send("POST", sessions, null, Map.of("visitorToken", jtiToken));
        assertThat(replay.status()).as("the consumed jti: %s", replay.body()).isEqualTo(401);
        assertThat(replay.json().get("code")).isEqualTo("token_replayed");
        Map<String, Object> user = server.call("GET", "/v1/admin/users/" + upgradedUser, widget.apiKey(), null, 200);
        assertThat(ids(user.get("visitors"))).as("the upgraded visitor is linked").contains(visitorId);
        assertThat(ids(user.get("conversations"))).as("the upgrade carried the conversation").contains(conversationId);
        assertThat(server.send("GET", "/v1/session", anonymousSession, null).status())
                .as("the anonymous session the upgrade revoked").isEqualTo(401);
        Map<String, Object> thread = server.call("GET", "/v1/admin/conversations/" + conversationId, widget.apiKey(), null, 200);
        assertThat(E2EServer.list(thread.get("messages"))).extracting(m -> m.get("text")).contains(messageText);
    }

    private static List<Object> ids(Object list) {
        return E2EServer.list(list).stream().map(m -> m.get("id")).toList();
    }

    private static String token(String secret, String userId, boolean jti) {
        VisitorTokens.Claims claims = VisitorTokens.claims(userId).times(0, 60);
        return VisitorTokens.sign(secret, jti ? claims.jti() : claims);
    }
}
