package dev.visitorauth.adapter.outbound;

import dev.visitorauth.application.port.out.CheckOutboundAddressPort;
import dev.visitorauth.application.port.out.SendWebhookPort;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.webhook.WebhookUrl;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends webhook attempts through the {@link OutboundHttpClient} (so through the one outbound address
 * guard), signed as Standard Webhooks do. The {@code webhook-timestamp} is the wall clock's at
 * sending (receivers compare it with their own clock), not the service's scheduling clock. At most
 * {@value #MAX_ANSWER_BYTES} bytes of an answer are read, then discarded. What a failed attempt
 * reports is short and never carries the guard's detail: a refusal is "refused: private address".
 */
public final class GuardedWebhookSender implements SendWebhookPort, CheckOutboundAddressPort, AutoCloseable {
    /** How much of a receiver's answer body is read (and discarded). */
    public static final int MAX_ANSWER_BYTES = 4 * 1024;
    /** The one thing a guard refusal says. */
    public static final String REFUSED = "refused: private address";

    private final OutboundHttpClient client;
    private final Clock wallClock;

    public GuardedWebhookSender(OutboundHttpClient client, Clock wallClock) {
        this.client = Objects.requireNonNull(client, "client");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    @Override
    public Attempt send(WebhookUrl url, WebhookSecret secret, EventId eventId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = wallClock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", eventId.wire());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", StandardWebhooksSignature.sign(secret, eventId.wire(), timestamp, bytes));
        long start = System.nanoTime();
        try {
            int status = client.post(URI.create(url.value()), headers, bytes, "application/json", MAX_ANSWER_BYTES);
            return new Answered(status, since(start));
        } catch (OutboundRefusedException e) {
            return new NotAnswered(REFUSED, since(start));
        } catch (UnknownHostException e) {
            return new NotAnswered("the host does not resolve", since(start));
        } catch (InterruptedIOException e) {
            return new NotAnswered("timed out", since(start));
        } catch (IOException | IllegalArgumentException e) {
            return new NotAnswered("could not connect or no HTTP answer", since(start));
        }
    }

    @Override
    public boolean allowsPrivate() {
        return client.guard().allowsPrivate();
    }

    @Override
    public boolean allows(WebhookUrl url) {
        URI uri = URI.create(url.value());
        try {
            client.guard().checkUrl(uri);
            client.guard().resolve(uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost());
            return true;
        } catch (OutboundRefusedException e) {
            return false;
        } catch (UnknownHostException e) {
            return true; // judged again at every attempt; a name may resolve later
        }
    }

    /** Closes the HTTP client and its connections. */
    @Override
    public void close() throws IOException {
        client.close();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
