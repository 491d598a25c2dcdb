package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.webhook.WebhookUrl;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends one attempt of a webhook delivery: an HTTP POST of {@code body}, signed as Standard Webhooks
 * do ({@code webhook-id} = the event id, {@code webhook-timestamp}, {@code webhook-signature}),
 * through the outbound address guard, with bounded timeouts and a bounded, discarded answer body.
 * Never throws for the receiver's faults: those are {@link NotAnswered}.
 */
public interface SendWebhookPort {

    Attempt send(WebhookUrl url, WebhookSecret secret, EventId eventId, String body);

    /** The outcome of one attempt. */
    sealed interface Attempt permits Answered, NotAnswered {
        Duration took();
    }

    /** The receiver answered with {@code status} (2xx counts as delivered). */
    record Answered(int status, Duration took) implements Attempt {
        public Answered {
            Objects.requireNonNull(took, "took");
        }
    }

    /**
     * No answer: refused by the outbound guard, not reachable, timed out, or not HTTP. {@code reason}
     * is short and safe to show (for a guard refusal only "refused: private address").
     */
    record NotAnswered(String reason, Duration took) implements Attempt {
        public NotAnswered {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(took, "took");
        }
    }
}
