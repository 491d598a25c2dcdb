package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ServerTestBase.assertProblem;
import static dev.visitorauth.testing.RequiredTools.require;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.WebhookWorkers;
import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.MutableClock;
import dev.visitorauth.testing.VisitorTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks on the whole server (H2, the private-outbound switch on so receivers on loopback are
 * reachable), with a clock the test moves: endpoints and their checks, delivery verified by the
 * {@code standardwebhooks} npm package, nothing for a rolled-back start-up, the retry schedule
 * while a receiver is down, disabling after 3 days, and the delivery log.
 */
class H2WebhookTest {
    private static final MutableClock CLOCK = MutableClock.stoppedAt(Instant.now());
    private static final Path NODE_RECEIVER = Path.of("..", "examples", "webhook-receiver-node").toAbsolutePath().normalize();
    private static TestServers.Node node;
    private static ApiClient api;

    @Configuration(proxyBeanMethods = false)
    static class ServerClock {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void start() {
        Path dir = TestServers.tempDirectory("visitorauth-it-webhooks-");
        Map<String, Object> properties = new LinkedHashMap<>(TestServers.properties(TestServers.h2Url(dir), "sa", dir));
        properties.put("visitorauth.outbound.allow-private", "true");
        // No background workers: the test runs every round itself (drain), so no attempt can be
        // half-way while the clock moves. PostgresWebhookTwoNodesTest runs the workers.
        properties.put("visitorauth.webhooks.threads", "0");
        node = TestServers.Node.start(properties, ServerClock.class);
        api = node.api();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static Response create(ApiClient.Workspace ws, String url, List<String> events) {
        return api.post("/v1/admin/webhooks", ws.apiKey(), Map.of("url", url, "events", events));
    }

    private static String createOk(ApiClient.Workspace ws, String url, List<String> events) {
        Response r = create(ws, url, events);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    private static List<JsonNode> deliveries(ApiClient.Workspace ws, String webhookId) {
        Response r = api.get("/v1/admin/webhooks/" + webhookId + "/deliveries?limit=100", ws.apiKey());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("deliveries").forEach(out::add);
        return out;
    }

    /** Claims issued at the server's (moved) time. */
    private static VisitorTokens.Claims claims(String userId) {
        long now = CLOCK.instant().getEpochSecond();
        return VisitorTokens.claims(userId).with("iat", now).with("exp", now + 30);
    }

    private static String valid(Widget widget, String userId) {
        return sign(widget.secret(), claims(userId));
    }

    /** Runs worker rounds on this thread until one finds nothing to do. */
    private static void drain() {
        for (int i = 0; i < 100 && node.bean(WebhookWorkers.class).runOnce().busy(); i++) {
            // go on while rounds find work
        }
    }

    /** Drains, then checks {@code condition} (the receiver has answered every attempt by then). */
    private static void drainUntil(java.util.function.BooleanSupplier condition) {
        WebhookReceiver.await(Duration.ofSeconds(30), () -> {
            drain();
            return condition.getAsBoolean();
        });
    }

    private static JsonNode only(ApiClient.Workspace ws, String webhookId, String eventType) {
        return deliveries(ws, webhookId).stream().filter(d -> d.path("type").asString().equals(eventType)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + eventType + " delivery in " + deliveries(ws, webhookId)));
    }

    @Test
    void eachDeliveryVerifiesWithTheStandardWebhooksNpmPackage() throws Exception {
        require(nodeOnPath(), "Skipped: node is not on the PATH (install Node.js 20, then npm ci --prefix "
                + "examples/webhook-receiver-node)");
        require(Files.isRegularFile(NODE_RECEIVER.resolve("node_modules/standardwebhooks/package.json")),
                "Skipped: no examples/webhook-receiver-node/node_modules; run npm ci --prefix examples/webhook-receiver-node");
        Widget widget = api.newWidget();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Response created = create(widget.workspace(), "http://127.0.0.1:" + port + "/", List.of("user.created",
                "visitor.linked", "user.updated", "widget.secret_rotated", "conversation.created", "message.created"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String secret = created.text("secret");
        assertThat(secret).startsWith("whsec_");

        ProcessBuilder pb = new ProcessBuilder(List.of("node", "receiver.js")).directory(NODE_RECEIVER.toFile())
                .redirectErrorStream(true);
        pb.environment().put("WEBHOOK_SECRET", secret);
        pb.environment().put("PORT", Integer.toString(port));
        Process receiver = pb.start();
        List<JsonNode> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(ApiClient.JSON.readTree(line));
                }
            } catch (IOException | RuntimeException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            WebhookReceiver.await(Duration.ofSeconds(30), () -> lines.stream().anyMatch(l -> l.has("listening")));
            assertThat(lines).as("the receiver started").anyMatch(l -> l.has("listening"));

            String userId = newUserId();
            Session session = api.startOk(widget, null, valid(widget, userId));
            api.startConversationOk(session.token(), "Hello \"there\" \u2713\n\u2028");
            api.startOk(widget, null, sign(widget.secret(), claims(userId).with("name", "Renamed")));
            api.rotateOk(widget, 60L);
            int expected = 7; // user.created, visitor.linked, conversation.created, message.created, visitor.linked, user.updated, widget.secret_rotated
            drainUntil(() -> lines.stream().filter(l -> l.has("verified")).count() >= expected);

            List<JsonNode> verdicts = lines.stream().filter(l -> l.has("verified")).toList();
            assertThat(verdicts).as("%s", lines).hasSize(expected)
                    .allSatisfy(l -> assertThat(l.path("verified").asBoolean()).as("%s", l).isTrue());
            assertThat(verdicts).extracting(l -> l.path("type").asString()).containsExactlyInAnyOrder("user.created",
                    "visitor.linked", "conversation.created", "message.created", "visitor.linked", "user.updated",
                    "widget.secret_rotated");
            assertThat(verdicts).extracting(l -> l.path("duplicate").asBoolean()).containsOnly(false);
            List<JsonNode> log = deliveries(widget.workspace(), created.text("id"));
            assertThat(log).hasSize(expected).allSatisfy(d -> {
                assertThat(d.path("status").asString()).isEqualTo("delivered");
                assertThat(d.path("responseStatus").asInt()).isEqualTo(204);
                assertThat(d.path("attempts").asInt()).isEqualTo(1);
                assertThat(d.path("durationMs").isNumber()).isTrue();
            });
            assertThat(verdicts).extracting(l -> l.path("id").asString())
                    .containsExactlyInAnyOrderElementsOf(log.stream().map(d -> d.path("eventId").asString()).toList());
        } finally {
            receiver.destroy();
            if (!receiver.waitFor(10, TimeUnit.SECONDS)) {
                receiver.destroyForcibly();
            }
        }
    }

    /**
     * Two start-ups that roll back: one refused after the profile merge (custom data over the cap),
     * and one whose transaction fails after its first event was written (a constraint added for the
     * test refuses its second event, so user.created is in the log until the rollback removes it).
     */
    @Test
    void aRolledBackStartUpSendsNothing() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             java.sql.Connection c = node.bean(javax.sql.DataSource.class).getConnection();
             java.sql.Statement st = c.createStatement()) {
            st.execute("ALTER TABLE workspace_events ADD CONSTRAINT it_fail_second_event"
                    + " CHECK (NOT (event_type = 'visitor.linked' AND data LIKE '%rollback-me%'))");
            Widget widget = api.newWidget();
            String userId = newUserId();
            Map<String, Object> thirty = new LinkedHashMap<>();
            for (int i = 0; i < 30; i++) {
                thirty.put("a" + i, "x");
            }
            api.startOk(widget, null, sign(widget.secret(), claims(userId).with("customData", thirty)));
            String webhook = createOk(widget.workspace(), receiver.url(), List.of("user.created", "user.updated",
                    "visitor.linked", "visitor.upgraded"));
            Session anonymous = api.startOk(widget, null, null);
            Map<String, Object> thirtyMore = new LinkedHashMap<>();
            for (int i = 0; i < 30; i++) {
                thirtyMore.put("b" + i, "y");
            }
            String overTheCap = sign(widget.secret(), claims(userId).with("name", "Rolled back").with("customData", thirtyMore));
            ServerTestBase.assertTokenRefused(api.start(widget, anonymous.visitorId(), overTheCap), "invalid_claim", overTheCap);
            Response failed = api.start(widget, null, valid(widget, "rollback-me-" + newUserId()));
            assertThat(failed.status()).as("%s", failed).isGreaterThanOrEqualTo(500);
            // A committed change after them: once its delivery arrived, everything before it was delivered too.
            api.startOk(widget, null, sign(widget.secret(), claims(userId).with("name", "Committed")));

            drainUntil(() -> receiver.ids().size() >= 2);

            assertThat(receiver.requests()).extracting(r -> ApiClient.JSON.readTree(r.body()).path("type").asString())
                    .containsExactlyInAnyOrder("visitor.linked", "user.updated");
            assertThat(receiver.requests()).noneMatch(r -> r.body().contains("Rolled back") || r.body().contains("upgraded")
                    || r.body().contains("rollback-me"));
            assertThat(deliveries(widget.workspace(), webhook)).hasSize(2);
        } finally {
            try (java.sql.Connection c = node.bean(javax.sql.DataSource.class).getConnection();
                 java.sql.Statement st = c.createStatement()) {
                st.execute("ALTER TABLE workspace_events DROP CONSTRAINT it_fail_second_event");
            }
        }
    }

    @Test
    void aReceiverDownForAWhileGetsEverythingAfterItRecoversOnTheRetrySchedule() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(503);
            Widget widget = api.newWidget();
            String webhook = createOk(widget.workspace(), receiver.url(), List.of("user.created"));
            List<String> users = List.of(newUserId(), newUserId(), newUserId());
            for (String user : users) {
                api.startOk(widget, null, valid(widget, user));
            }
            drainUntil(() -> receiver.ids().size() >= 3);
            assertThat(receiver.ids()).hasSize(3);
            assertThat(deliveries(widget.workspace(), webhook)).hasSize(3).allSatisfy(d -> {
                assertThat(d.path("status").asString()).isEqualTo("pending");
                assertThat(d.path("attempts").asInt()).isEqualTo(1);
                assertThat(d.path("responseStatus").asInt()).isEqualTo(503);
            });

            CLOCK.advance(Duration.ofSeconds(4));
            drain();
            assertThat(receiver.ids()).as("nothing is retried before 5 s").hasSize(3);

            CLOCK.advance(Duration.ofSeconds(1));
            drainUntil(() -> receiver.ids().size() >= 6);
            assertThat(receiver.ids()).as("the second attempts, 5 s after the first").hasSize(6);

            receiver.answer(200);
            CLOCK.advance(Duration.ofSeconds(29));
            drain();
            assertThat(receiver.ids()).as("the third attempt is 30 s after the second").hasSize(6);
            CLOCK.advance(Duration.ofSeconds(1));
            drainUntil(() -> receiver.ids().size() >= 9);

            List<JsonNode> log = deliveries(widget.workspace(), webhook);
            assertThat(log).allSatisfy(d -> {
                assertThat(d.path("status").asString()).isEqualTo("delivered");
                assertThat(d.path("attempts").asInt()).isEqualTo(3);
                assertThat(d.path("responseStatus").asInt()).isEqualTo(200);
            });
            assertThat(receiver.ids()).hasSize(9);
            assertThat(new java.util.HashSet<>(receiver.ids())).hasSize(3)
                    .containsExactlyInAnyOrderElementsOf(log.stream().map(d -> d.path("eventId").asString()).toList());
            assertThat(receiver.requests().stream().map(WebhookReceiver.Request::body).distinct()).as("every attempt "
                    + "sends the same body").hasSize(3);
        }
    }

    @Test
    void aDeliveryFailsAfter24HoursAndAnEndpointFailingFor3DaysIsDisabledWithTheReason() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500);
            Widget widget = api.newWidget();
            String webhook = createOk(widget.workspace(), receiver.url(), List.of("user.created"));
            api.startOk(widget, null, valid(widget, newUserId()));
            drainUntil(() -> receiver.ids().size() >= 1);
            for (int hour = 0; hour < 25; hour++) {
                CLOCK.advance(Duration.ofHours(1));
                drain();
            }
            JsonNode first = only(widget.workspace(), webhook, "user.created");
            assertThat(first.path("status").asString()).isEqualTo("failed");
            // With the clock moved an hour at a time, attempts run at 0, 1, 2, 3, 4, 5, 7, 11, 15, 19 and 23 h.
            assertThat(first.path("attempts").asInt()).isEqualTo(11);
            Response afterOneDay = api.get("/v1/admin/webhooks/" + webhook, widget.apiKey());
            assertThat(afterOneDay.json().path("enabled").asBoolean()).isTrue();
            assertThat(afterOneDay.text("failingSince")).isNotNull();

            CLOCK.advance(Duration.ofHours(48));
            String late = newUserId();
            api.startOk(widget, null, valid(widget, late));
            int before = receiver.ids().size();
            drainUntil(() -> receiver.ids().size() > before);

            Response disabled = api.get("/v1/admin/webhooks/" + webhook, widget.apiKey());
            assertThat(disabled.json().path("enabled").asBoolean()).as("%s", disabled).isFalse();
            assertThat(disabled.text("disabledReason")).contains("3 days").contains("HTTP 500");
            assertThat(disabled.body()).doesNotContain("whsec_");

            api.startOk(widget, null, valid(widget, newUserId()));
            drain();
            int whileDisabled = receiver.ids().size();
            CLOCK.advance(Duration.ofMinutes(5));
            drain();
            assertThat(receiver.ids()).as("nothing goes to a disabled endpoint").hasSize(whileDisabled);

            receiver.answer(204);
            Response enabled = api.patch("/v1/admin/webhooks/" + webhook, widget.apiKey(), Map.of("events", List.of("user.created")));
            assertThat(enabled.json().path("enabled").asBoolean()).as("%s", enabled).isTrue();
            api.startOk(widget, null, valid(widget, newUserId()));
            drainUntil(() -> receiver.ids().size() > whileDisabled);
            assertThat(receiver.ids()).hasSize(whileDisabled + 1);
        }
    }

    @Test
    void aFailedDeliveryCanBeRetriedByHand() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500);
            Widget widget = api.newWidget();
            String webhook = createOk(widget.workspace(), receiver.url(), List.of("widget.secret_rotated"));
            api.rotateOk(widget, 0L);
            drainUntil(() -> receiver.ids().size() >= 1);
            JsonNode delivery = only(widget.workspace(), webhook, "widget.secret_rotated");

            receiver.answer(204);
            Response retried = api.post("/v1/admin/webhooks/" + webhook + "/deliveries/" + delivery.path("id").asString()
                    + "/retry", widget.apiKey(), Map.of());
            assertThat(retried.status()).as("%s", retried).isEqualTo(202);
            drainUntil(() -> receiver.ids().size() >= 2);
            JsonNode after = only(widget.workspace(), webhook, "widget.secret_rotated");
            assertThat(after.path("status").asString()).isEqualTo("delivered");
            assertThat(after.path("attempts").asInt()).isEqualTo(2);
            assertThat(receiver.ids()).containsOnly(delivery.path("eventId").asString());

            ApiClient.Workspace other = api.createWorkspace();
            assertProblem(api.post("/v1/admin/webhooks/" + webhook + "/deliveries/" + delivery.path("id").asString() + "/retry",
                    other.apiKey(), Map.of()), 404, "not_found");
            assertProblem(api.post("/v1/admin/webhooks/" + webhook + "/deliveries/whd_nope/retry", widget.apiKey(), Map.of()),
                    404, "not_found");
        }
    }

    @Test
    void endpointsAreCheckedKeptPerWorkspaceAndNeverShowTheirSecretAgain() {
        ApiClient.Workspace ws = api.createWorkspace();
        ApiClient.Workspace other = api.createWorkspace();
        assertProblem(create(ws, "https://hooks.example.com/in", List.of()), 400, "invalid_request", "events");
        assertProblem(create(ws, "https://hooks.example.com/in", List.of("user.created", "user.deleted")), 400,
                "invalid_request", "events");
        assertProblem(create(ws, "https://hooks.example.com/in", List.of("session.ended")), 400, "invalid_request", "events");
        assertProblem(create(ws, "ftp://hooks.example.com/in", List.of("user.created")), 400, "invalid_request", "url");
        Response metadata = assertProblem(create(ws, "http://169.254.169.254/latest/meta-data", List.of("user.created")), 400,
                "invalid_request", "url");
        assertThat(metadata.text("detail")).isEqualTo("refused: private address");
        assertProblem(api.post("/v1/admin/webhooks", ws.apiKey(), Map.of("url", "https://hooks.example.com/in")), 400,
                "invalid_request", "events");
        assertThat(api.get("/v1/admin/webhooks", ws.apiKey()).json().path("webhooks").size()).as("nothing was created").isZero();

        Response created = create(ws, "https://hooks.example.com/in", List.of("user.created", "user.erased"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        String secret = created.text("secret");
        assertThat(secret).startsWith("whsec_");
        Response read = api.get("/v1/admin/webhooks/" + id, ws.apiKey());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("events")).extracting(JsonNode::asString).containsExactly("user.created", "user.erased");
        assertThat(read.body()).doesNotContain(secret).doesNotContain("whsec_");
        assertThat(api.get("/v1/admin/webhooks", ws.apiKey()).body()).doesNotContain("whsec_");

        Response rotated = api.post("/v1/admin/webhooks/" + id + "/secret/rotate", ws.apiKey(), Map.of());
        assertThat(rotated.text("secret")).startsWith("whsec_").isNotEqualTo(secret);

        Response patched = api.patch("/v1/admin/webhooks/" + id, ws.apiKey(), Map.of("events", List.of("user.updated")));
        assertThat(patched.json().path("events")).extracting(JsonNode::asString).containsExactly("user.updated");
        assertProblem(api.patch("/v1/admin/webhooks/" + id, ws.apiKey(), Map.of("events", List.of())), 400, "invalid_request",
                "events");
        assertProblem(api.patch("/v1/admin/webhooks/" + id, ws.apiKey(), Map.of("url", "https://169.254.10.1/in")), 400,
                "invalid_request", "url");
        assertThat(api.get("/v1/admin/webhooks/" + id, ws.apiKey()).json().path("events")).extracting(JsonNode::asString)
                .as("a refused change changed nothing").containsExactly("user.updated");

        for (String path : List.of("/v1/admin/webhooks/" + id, "/v1/admin/webhooks/" + id + "/deliveries")) {
            assertProblem(api.get(path, other.apiKey()), 404, "not_found");
        }
        assertProblem(api.patch("/v1/admin/webhooks/" + id, other.apiKey(), Map.of("events", List.of("user.created"))), 404,
                "not_found");
        assertProblem(api.post("/v1/admin/webhooks/" + id + "/secret/rotate", other.apiKey(), Map.of()), 404, "not_found");
        assertProblem(api.delete("/v1/admin/webhooks/" + id, other.apiKey()), 404, "not_found");
        assertThat(api.get("/v1/admin/webhooks", other.apiKey()).json().path("webhooks").size()).isZero();

        assertThat(api.delete("/v1/admin/webhooks/" + id, ws.apiKey()).status()).isEqualTo(204);
        assertProblem(api.get("/v1/admin/webhooks/" + id, ws.apiKey()), 404, "not_found");
    }

    @Test
    void aWorkspaceHasAtMost20EndpointsAndTheLogPagesWithSealedCursors() throws Exception {
        ApiClient.Workspace ws = api.createWorkspace();
        for (int i = 0; i < 20; i++) {
            createOk(ws, "https://hooks.example.com/in/" + i, List.of("user.created"));
        }
        assertProblem(create(ws, "https://hooks.example.com/in/21", List.of("user.created")), 400, "invalid_request");

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Widget widget = api.newWidget();
            String webhook = createOk(widget.workspace(), receiver.url(), List.of("user.created"));
            for (int i = 0; i < 3; i++) {
                api.startOk(widget, null, valid(widget, newUserId()));
            }
            drainUntil(() -> receiver.ids().size() >= 3);
            String base = "/v1/admin/webhooks/" + webhook + "/deliveries";
            Response first = api.get(base + "?limit=2", widget.apiKey());
            assertThat(first.json().path("deliveries").size()).isEqualTo(2);
            String cursor = first.text("nextCursor");
            assertThat(cursor).isNotNull();
            Response second = api.get(base + "?limit=2&cursor=" + ApiClient.encode(cursor), widget.apiKey());
            assertThat(second.json().path("deliveries").size()).isEqualTo(1);
            assertThat(second.json().path("nextCursor").isNull()).isTrue();
            String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
            assertProblem(api.get(base + "?cursor=" + ApiClient.encode(tampered), widget.apiKey()), 400, "invalid_request",
                    "cursor");
            assertProblem(api.get(base + "?limit=101", widget.apiKey()), 400, "invalid_request", "limit");
        }
    }

    @Test
    void theGrpcWebhookServiceIsTheRestApisTwin() throws Exception {
        ApiClient.Workspace ws = api.createWorkspace();
        ApiClient.Workspace other = api.createWorkspace();
        int port = node.bean(dev.visitorauth.server.GrpcServerLifecycle.class).getPort();
        io.grpc.ManagedChannel channel = io.grpc.Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                io.grpc.InsecureChannelCredentials.create()).build();
        try {
            var stub = webhookStub(channel, ws.apiKey());
            var stranger = webhookStub(channel, other.apiKey());
            var created = stub.createWebhook(dev.visitorauth.adapter.grpc.v1.CreateWebhookRequest.newBuilder()
                    .setUrl("https://hooks.example.com/grpc").addEvents("user.created").addEvents("user.erased").build());
            assertThat(created.getSecret()).startsWith("whsec_");
            String id = created.getWebhook().getId();
            Response rest = api.get("/v1/admin/webhooks/" + id, ws.apiKey());
            assertThat(rest.json().path("events")).extracting(JsonNode::asString).containsExactly("user.created", "user.erased");

            io.grpc.StatusRuntimeException empty = org.junit.jupiter.api.Assertions.assertThrows(
                    io.grpc.StatusRuntimeException.class, () -> stub.createWebhook(
                            dev.visitorauth.adapter.grpc.v1.CreateWebhookRequest.newBuilder()
                                    .setUrl("https://hooks.example.com/grpc").build()));
            assertThat(empty.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
            io.grpc.StatusRuntimeException foreign = org.junit.jupiter.api.Assertions.assertThrows(
                    io.grpc.StatusRuntimeException.class, () -> stranger.getWebhook(
                            dev.visitorauth.adapter.grpc.v1.GetWebhookRequest.newBuilder().setWebhookId(id).build()));
            assertThat(foreign.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND);

            var updated = stub.updateWebhook(dev.visitorauth.adapter.grpc.v1.UpdateWebhookRequest.newBuilder().setWebhookId(id)
                    .setEvents(dev.visitorauth.adapter.grpc.v1.EventTypes.newBuilder().addTypes("user.updated")).build());
            assertThat(updated.getWebhook().getEventsList()).containsExactly("user.updated");
            assertThat(stub.listWebhooks(dev.visitorauth.adapter.grpc.v1.ListWebhooksRequest.getDefaultInstance())
                    .getWebhooksList()).extracting(dev.visitorauth.adapter.grpc.v1.Webhook::getId).containsExactly(id);
            assertThat(stub.rotateWebhookSecret(dev.visitorauth.adapter.grpc.v1.RotateWebhookSecretRequest.newBuilder()
                    .setWebhookId(id).build()).getSecret()).startsWith("whsec_").isNotEqualTo(created.getSecret());
            assertThat(stub.listWebhookDeliveries(dev.visitorauth.adapter.grpc.v1.ListWebhookDeliveriesRequest.newBuilder()
                    .setWebhookId(id).build()).getDeliveriesList()).isEmpty();
            stub.deleteWebhook(dev.visitorauth.adapter.grpc.v1.DeleteWebhookRequest.newBuilder().setWebhookId(id).build());
            assertProblem(api.get("/v1/admin/webhooks/" + id, ws.apiKey()), 404, "not_found");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static dev.visitorauth.adapter.grpc.v1.WebhookServiceGrpc.WebhookServiceBlockingStub webhookStub(
            io.grpc.ManagedChannel channel, String apiKey) {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + apiKey);
        return dev.visitorauth.adapter.grpc.v1.WebhookServiceGrpc.newBlockingStub(channel)
                .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static boolean nodeOnPath() {
        try {
            Process p = new ProcessBuilder(List.of("node", "--version")).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
