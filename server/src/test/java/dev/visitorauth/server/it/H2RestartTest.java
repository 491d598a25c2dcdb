package dev.visitorauth.server.it;

import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default keeps its data across restarts: a server on an H2 file database, with no
 * master key configured (so it generates one in the data directory), is stopped and a new one is
 * started on the same directory.
 */
class H2RestartTest {
    @TempDir
    Path dataDir;

    @Test
    void workspacesSessionsAndEncryptedSecretsSurviveARestart() throws Exception {
        Map<String, Object> properties = TestServers.properties(TestServers.h2Url(dataDir), "sa", dataDir);
        String userId = newUserId();
        Widget widget;
        Session session;
        String conversation;
        try (TestServers.Node first = TestServers.Node.start(properties)) {
            ApiClient api = first.api();
            widget = api.newWidget();
            session = api.startOk(widget, null, sign(widget.secret(), claims(userId).with("name", "Ada")));
            conversation = api.startConversationOk(session.token(), "before the restart");
        }
        assertThat(dataDir.resolve("master-key")).as("the generated master key is kept in the data directory").exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("master-key"))))
                .as("readable by its owner only").isEqualTo("rw-------");
        assertThat(dataDir.resolve("db.mv.db")).exists();

        try (TestServers.Node second = TestServers.Node.start(properties)) {
            ApiClient api = second.api();

            assertThat(api.get("/v1/admin/widgets/" + widget.id(), widget.apiKey()).status()).as("the API key").isEqualTo(200);
            Response current = api.currentSession(session.token());
            assertThat(current.status()).as("the session").isEqualTo(200);
            assertThat(current.text("user", "name")).isEqualTo("Ada");
            assertThat(api.conversationIds(session.token())).containsExactly(conversation);
            assertThat(api.get("/v1/admin/widgets/" + widget.id() + "/secret", widget.apiKey()).text("secret"))
                    .as("the secret decrypts with the kept master key").isEqualTo(widget.secret());
            Session again = api.startOk(widget, null, sign(widget.secret(), claims(userId)));
            assertThat(again.userId()).isEqualTo(userId);
            assertThat(api.conversationIds(again.token())).containsExactly(conversation);
        }
    }
}
