package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ServerTestBase.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.outbound.OutboundAddressGuard;
import dev.visitorauth.server.WebhookWorkers;
import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.VisitorTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The outbound guard for webhooks on the whole server with its default settings (no
 * private-outbound switch), and a resolver the test controls for the host names: 127.0.0.1,
 * 169.254.169.254 and a name resolving to a private address are refused when set ("refused: private
 * address", nothing more); a name that resolved publicly when it was set and privately at delivery
 * (DNS rebinding) is refused before connecting. No test traffic leaves loopback, and the loopback
 * listener counts zero connections.
 */
class H2WebhookGuardTest {
    /** What the names resolve to; the test changes it. */
    private static final Map<String, AtomicReference<String>> DNS = Map.of(
            "private.hooks.test", new AtomicReference<>("10.20.30.40"),
            "rebinding.hooks.test", new AtomicReference<>("93.184.216.34"));

    @Configuration(proxyBeanMethods = false)
    static class TestResolver {
        @Bean
        @Primary
        OutboundAddressGuard testGuard() {
            return new OutboundAddressGuard(false, host -> {
                AtomicReference<String> address = DNS.get(host);
                if (address == null && host.matches("[0-9.]+")) {
                    return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
                }
                if (address == null) {
                    throw new java.net.UnknownHostException(host);
                }
                return new InetAddress[] {InetAddress.getByName(address.get())};
            });
        }
    }

    @Test
    void refusesLoopbackMetadataAndPrivateNamesBeforeConnecting() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "webhook-connection-counter");
        acceptor.setDaemon(true);
        acceptor.start();
        Path dir = TestServers.tempDirectory("visitorauth-it-webhook-guard-");
        Map<String, Object> properties = new LinkedHashMap<>(TestServers.properties(TestServers.h2Url(dir), "sa", dir));
        properties.put("visitorauth.webhooks.threads", "0");
        try (TestServers.Node node = TestServers.Node.start(properties, TestResolver.class)) {
            ApiClient api = node.api();
            Widget widget = api.newWidget();
            for (String url : List.of("https://127.0.0.1:" + listener.getLocalPort() + "/hook", "https://169.254.169.254/latest",
                    "https://private.hooks.test:" + listener.getLocalPort() + "/hook",
                    "http://127.0.0.1:" + listener.getLocalPort() + "/hook")) {
                Response r = api.post("/v1/admin/webhooks", widget.apiKey(), Map.of("url", url, "events", List.of("user.created")));
                assertProblem(r, 400, "invalid_request", "url");
                assertThat(r.text("detail")).as(url).isIn("refused: private address", "url must use https.");
                assertThat(r.body()).as("no internal detail").doesNotContain("10.20.30.40").doesNotContain("resolves");
            }

            Response created = api.post("/v1/admin/webhooks", widget.apiKey(), Map.of("url",
                    "https://rebinding.hooks.test:" + listener.getLocalPort() + "/hook", "events", List.of("user.created")));
            assertThat(created.status()).as("a public address when set: %s", created).isEqualTo(201);
            DNS.get("rebinding.hooks.test").set("127.0.0.1");
            long now = java.time.Instant.now().getEpochSecond();
            api.startOk(widget, null, VisitorTokens.sign(widget.secret(), VisitorTokens.claims(VisitorTokens.newUserId())
                    .with("iat", now).with("exp", now + 30)));
            node.bean(WebhookWorkers.class).runOnce();

            Response log = api.get("/v1/admin/webhooks/" + created.text("id") + "/deliveries", widget.apiKey());
            JsonNode delivery = log.json().path("deliveries").path(0);
            assertThat(delivery.path("status").asString()).as("%s", log).isEqualTo("pending");
            assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.path("responseStatus").isNull()).isTrue();
        } finally {
            listener.close();
        }
        assertThat(connections.get()).isZero();
    }
}
