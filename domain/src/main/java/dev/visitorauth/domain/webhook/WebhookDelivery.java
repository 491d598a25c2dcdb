package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One event sent to one endpoint, as the delivery log shows it (spec section 14).
 *
 * @param queuedAt       when it was queued (its 24-hour retry window starts here)
 * @param lastAttemptAt  when the last attempt was made, if any
 * @param responseStatus the HTTP status of the last attempt, when it was answered
 * @param durationMs     how long the last attempt took, if any
 */
public record WebhookDelivery(WebhookDeliveryId id, WebhookEndpointId endpointId, EventId eventId, EventType type,
                              DeliveryStatus status, int attempts, Instant queuedAt, Optional<Instant> lastAttemptAt,
                              OptionalInt responseStatus, OptionalLong durationMs) {
    /** How long a finished delivery stays in the delivery log before it is deleted. */
    public static final Duration KEPT = Duration.ofDays(7);

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(responseStatus, "responseStatus");
        Objects.requireNonNull(durationMs, "durationMs");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }
}
