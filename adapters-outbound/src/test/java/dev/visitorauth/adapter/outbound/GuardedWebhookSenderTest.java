package dev.visitorauth.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.SendWebhookPort;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.webhook.WebhookUrl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class GuardedWebhookSenderTest {
    private static final WebhookSecret SECRET = WebhookSecret.of(new byte[32]);
    private static final Clock WALL = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void postsTheBodySignedAsStandardWebhooksDo() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        try (LocalHttpServer server = new LocalHttpServer();
             OutboundHttpClient client = new OutboundHttpClient(new OutboundAddressGuard(true), OutboundHttpClient.Limits.DEFAULTS)) {
            server.on("/hook", exchange -> {
                seen.put("id", exchange.getRequestHeaders().getFirst("webhook-id"));
                seen.put("timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"));
                seen.put("signature", exchange.getRequestHeaders().getFirst("webhook-signature"));
                seen.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
                seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                LocalHttpServer.send(exchange, 204, new byte[0]);
            });
            String body = "{\"type\":\"user.created\",\"timestamp\":\"2026-05-01T09:59:59Z\",\"data\":{\"id\":\"u1\"}}";
            SendWebhookPort.Attempt attempt = new GuardedWebhookSender(client, WALL)
                    .send(new WebhookUrl(server.url("http", "/hook").toString()), SECRET, new EventId(7), body);

            assertThat(attempt).isInstanceOf(SendWebhookPort.Answered.class);
            assertThat(((SendWebhookPort.Answered) attempt).status()).isEqualTo(204);
            assertThat(seen).containsEntry("id", "evt_7").containsEntry("timestamp", "1777629600").containsEntry("body", body);
            assertThat(seen.get("type")).startsWith("application/json");
            assertThat(seen.get("signature")).isEqualTo(StandardWebhooksSignature.sign(SECRET, "evt_7", 1777629600L,
                    body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aLargeAnswerIsCutShortAndItsStatusCounts() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer();
             OutboundHttpClient client = new OutboundHttpClient(new OutboundAddressGuard(true), OutboundHttpClient.Limits.DEFAULTS)) {
            server.on("/hook", exchange -> LocalHttpServer.send(exchange, 200, new byte[2 * 1024 * 1024]));
            SendWebhookPort.Attempt attempt = new GuardedWebhookSender(client, WALL)
                    .send(new WebhookUrl(server.url("http", "/hook").toString()), SECRET, new EventId(1), "{}");
            assertThat(attempt).isEqualTo(new SendWebhookPort.Answered(200, attempt.took()));
        }
    }

    /** Which addresses the guard refuses is {@link OutboundAddressGuardTest}'s; here that the sender asks it first and says no more. */
    @Test
    void aUrlTheGuardRefusesIsNeverConnectedToAndTheRefusalSaysNoMore() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer();
             OutboundHttpClient strict = new OutboundHttpClient(new OutboundAddressGuard(false), OutboundHttpClient.Limits.DEFAULTS);
             OutboundHttpClient open = new OutboundHttpClient(new OutboundAddressGuard(true), OutboundHttpClient.Limits.DEFAULTS)) {
            server.on("/hook", exchange -> LocalHttpServer.send(exchange, 204, new byte[0]));
            WebhookUrl loopback = new WebhookUrl("https://127.0.0.1:" + server.port() + "/hook");
            GuardedWebhookSender sender = new GuardedWebhookSender(strict, WALL);

            SendWebhookPort.Attempt attempt = sender.send(loopback, SECRET, new EventId(1), "{}");

            assertThat(attempt).isInstanceOf(SendWebhookPort.NotAnswered.class);
            assertThat(((SendWebhookPort.NotAnswered) attempt).reason()).isEqualTo("refused: private address");
            assertThat(sender.allows(loopback)).isFalse();
            assertThat(new GuardedWebhookSender(open, WALL).allows(new WebhookUrl(server.url("http", "/hook").toString()))).isTrue();
            assertThat(server.hits("/hook")).isZero();
        }
    }
}
