package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL (spec section 10): a reply posted on node A reaches a stream held by
 * node B through {@code LISTEN}/{@code NOTIFY}, and after PostgreSQL restarts, node B's {@code LISTEN}
 * connection and its open stream recover with no node restart.
 */
class PostgresStreamsAcrossNodesTest {
    @TempDir
    Path postgresData;

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(postgresData).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, Object> node(String url, byte[] masterKey, String name) {
        Map<String, Object> p = new LinkedHashMap<>(TestServers.properties(url, "postgres",
                TestServers.tempDirectory("visitorauth-it-stream-" + name + "-")));
        p.put("visitorauth.master-key", Base64.getEncoder().encodeToString(masterKey));
        return p;
    }

    private static Response reply(ApiClient api, Widget widget, String conversation, String text) {
        return api.post("/v1/admin/conversations/" + conversation + "/messages", widget.apiKey(), Map.of("text", text));
    }

    /** Posts until the database answers again (a pooled connection the restart broke may fail once more). */
    private static Response replyWhenAvailable(ApiClient api, Widget widget, String conversation, String text)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response r = reply(api, widget, conversation, text);
        while (r.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = reply(api, widget, conversation, text);
        }
        return r;
    }

    @Test
    void aReplyOnNodeAReachesAStreamOnNodeBAlsoAfterPostgresRestarts() throws Exception {
        int port = freePort();
        EmbeddedPostgres postgres = startPostgres(port);
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (TestServers.Node nodeA = TestServers.Node.start(node(url, masterKey, "a"));
             TestServers.Node nodeB = TestServers.Node.start(node(url, masterKey, "b"))) {
            ApiClient a = nodeA.api();
            ApiClient b = nodeB.api();
            Widget widget = a.newWidget();
            Session s = b.startOk(widget, null, null);
            String conversation = b.startConversationOk(s.token(), "hello");

            try (SseClient onB = SseClient.open(nodeB.port(), "/v1/stream", s.token(), null)) {
                assertThat(onB.status).isEqualTo(200);
                assertThat(reply(a, widget, conversation, "from node A").status()).isIn(200, 201);
                assertThat(onB.next().json().path("data").path("text").asString()).isEqualTo("from node A");

                postgres.close();
                postgres = startPostgres(port);

                Response after = replyWhenAvailable(a, widget, conversation, "after the restart");
                assertThat(after.status()).as("reply after the restart: %s", after).isIn(200, 201);
                SseClient.Event e = onB.next();
                assertThat(e.json().path("data").path("text").asString()).isEqualTo("after the restart");
                assertThat(onB.ended()).isFalse();

                Response third = reply(a, widget, conversation, "and again");
                assertThat(third.status()).isIn(200, 201);
                assertThat(onB.next().json().path("data").path("text").asString()).isEqualTo("and again");
            }
        } finally {
            postgres.close();
        }
    }
}
