package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Widget;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhook workers on two nodes sharing one PostgreSQL database (and nothing else), both running
 * their background workers: every event of a mixed load, started on either node, reaches the
 * receiver exactly once, and every delivery in the log was attempted once.
 */
class PostgresWebhookTwoNodesTest {

    private static Map<String, Object> node(String database, byte[] masterKey, String name) {
        Map<String, Object> p = new LinkedHashMap<>(TestServers.properties(database, "postgres",
                TestServers.tempDirectory("visitorauth-it-webhook-node-" + name + "-")));
        p.put("visitorauth.master-key", Base64.getEncoder().encodeToString(masterKey));
        p.put("visitorauth.outbound.allow-private", "true");
        p.put("visitorauth.webhooks.poll-interval", "50ms");
        p.put("visitorauth.webhooks.threads", "3");
        p.put("visitorauth.webhooks.batch-size", "5");
        p.put("visitorauth.new-visitor-limit", "10000");
        return p;
    }

    @Test
    void twoNodesDeliverEachEventExactlyOnce() throws Exception {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        String database = SharedPostgres.newDatabase();
        try (WebhookReceiver receiver = new WebhookReceiver();
             TestServers.Node nodeA = TestServers.Node.start(node(database, masterKey, "a"));
             TestServers.Node nodeB = TestServers.Node.start(node(database, masterKey, "b"))) {
            ApiClient a = nodeA.api();
            ApiClient b = nodeB.api();
            Widget widget = a.newWidget();
            Response created = b.post("/v1/admin/webhooks", widget.apiKey(), Map.of("url", receiver.url(),
                    "events", List.of("user.created", "visitor.linked")));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            String webhook = created.text("id");

            int users = 40;
            Concurrently.run(8, i -> {
                for (int n = i; n < users; n += 8) {
                    (n % 2 == 0 ? a : b).startOk(widget, null, valid(widget, newUserId()));
                }
                return i;
            });
            int expected = users * 2;
            WebhookReceiver.await(Duration.ofSeconds(60), () -> receiver.ids().size() >= expected);
            // Anything still in flight would show up now: give both nodes' workers some more rounds.
            List<JsonNode> log = new java.util.ArrayList<>();
            WebhookReceiver.await(Duration.ofSeconds(30), () -> {
                log.clear();
                for (String cursor = null; ; ) {
                    Response page = a.get("/v1/admin/webhooks/" + webhook + "/deliveries?limit=100"
                            + (cursor == null ? "" : "&cursor=" + ApiClient.encode(cursor)), widget.apiKey());
                    page.json().path("deliveries").forEach(log::add);
                    cursor = page.text("nextCursor");
                    if (cursor == null) {
                        break;
                    }
                }
                return log.size() == expected && log.stream().allMatch(d -> d.path("status").asString().equals("delivered"));
            });

            assertThat(receiver.ids()).as("each event once").hasSize(expected).doesNotHaveDuplicates();
            assertThat(new HashSet<>(receiver.ids())).isEqualTo(new HashSet<>(log.stream()
                    .map(d -> d.path("eventId").asString()).toList()));
            assertThat(log).allSatisfy(d -> assertThat(d.path("attempts").asInt()).isEqualTo(1));
            double deliveredA = nodeA.management().get("/actuator/metrics/visitorauth.webhook.deliveries?tag=outcome:delivered",
                    null).json().path("measurements").path(0).path("value").asDouble();
            double deliveredB = nodeB.management().get("/actuator/metrics/visitorauth.webhook.deliveries?tag=outcome:delivered",
                    null).json().path("measurements").path(0).path("value").asDouble();
            assertThat(deliveredA + deliveredB).as("the counters of both nodes").isEqualTo(expected);
        }
    }
}
