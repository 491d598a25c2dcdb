package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.server.it.ServerTestBase.assertProblem;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue item 7: the database goes away under a running server. The API answers
 * {@code 503 unavailable} (and health reports DOWN) instead of hanging, and once PostgreSQL is back
 * on the same data the server serves again by itself, without a restart.
 */
class PostgresOutageTest {
    @TempDir
    Path postgresData;

    @TempDir
    Path dataDir;

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(postgresData).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Calls until the answer is no longer a 503 (a pooled connection the outage broke may fail once more). */
    private static Response untilAvailable(Supplier<Response> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response r = call.get();
        while (r.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = call.get();
        }
        return r;
    }

    @Test
    void aStoppedDatabaseIsUnavailableAndTheServerRecoversWhenItIsBack() throws Exception {
        int port = freePort();
        EmbeddedPostgres postgres = startPostgres(port);
        try (TestServers.Node node = TestServers.Node.start(
                TestServers.properties(postgres.getJdbcUrl("postgres", "postgres"), "postgres", dataDir))) {
            ApiClient api = node.api();
            Widget widget = api.newWidget();
            Session before = api.startOk(widget, null, valid(widget, newUserId()));
            assertThat(api.get("/actuator/health", null).text("status")).isEqualTo("UP");

            postgres.close();

            Response start = api.start(widget, null, valid(widget, newUserId()));
            assertProblem(start, 503, "unavailable");
            assertThat(start.text("detail")).doesNotContainIgnoringCase("postgres").doesNotContainIgnoringCase("sql");
            assertProblem(api.start(widget, null, null), 503, "unavailable");
            assertProblem(api.currentSession(before.token()), 503, "unavailable");
            assertProblem(api.get("/v1/admin/widgets/" + widget.id(), widget.apiKey()), 503, "unavailable");
            Response health = api.get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.text("status")).isEqualTo("DOWN");

            postgres = startPostgres(port);

            Response after = untilAvailable(() -> api.start(widget, null, valid(widget, newUserId())));
            assertThat(after.status()).as("start-up after the database came back: %s", after).isEqualTo(201);
            assertThat(api.currentSession(before.token()).status()).as("a session from before the outage").isEqualTo(200);
            assertThat(api.start(widget, before.visitorId(), null).status()).isEqualTo(201);
            Response healthAfter = untilAvailable(() -> api.get("/actuator/health", null));
            assertThat(healthAfter.status()).isEqualTo(200);
            assertThat(healthAfter.text("status")).isEqualTo("UP");
        } finally {
            postgres.close();
        }
    }
}
