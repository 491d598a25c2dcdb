package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.webhook.DeliveryStatus;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.webhook.WebhookUrl;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The webhook delivery queue (a transactional outbox read from the event log): which events each
 * endpoint has been given, the deliveries with a copy of the body they send, and the claims that
 * let several nodes work it at once, each delivery claimed by one of them.
 */
public interface WebhookDeliveryQueuePort {

    /**
     * Up to {@code max} enabled endpoints whose workspace log holds events past their position,
     * locked for the caller's transaction; endpoints another transaction holds are skipped (so
     * nodes share the work without waiting).
     */
    List<EndpointBehind> lockEndpointsBehind(int max);

    /** Adds {@code deliveries} for {@code endpoint} and moves its log position to {@code position}. */
    void queue(WebhookEndpoint endpoint, List<NewDelivery> deliveries, EventId position);

    /**
     * Claims up to {@code max} pending deliveries due at {@code now} whose earlier claim (if any)
     * expired, until {@code leaseUntil}: no other claim gets them before then. Committed before it
     * returns, so the attempts run outside any transaction.
     */
    List<DueDelivery> claimDue(Instant now, Instant leaseUntil, int max);

    /** Records an attempt of a claimed delivery; false (nothing written) when the claim was lost. */
    boolean recordAttempt(AttemptRecord attempt);

    /**
     * Records on the endpoint whether its latest attempt was answered with a 2xx: a success forgets
     * its failures, a failure starts them (at {@code at}) unless already failing. The endpoint after.
     */
    Optional<WebhookEndpoint> recordEndpointHealth(WorkspaceId workspaceId, WebhookEndpointId id, boolean succeeded,
                                                   Instant at);

    /** Marks every pending delivery of the endpoint {@code failed} (it was disabled). */
    int failPending(WorkspaceId workspaceId, WebhookEndpointId id);

    /** A page of the endpoint's deliveries, newest first, after {@code after}. */
    Slice<WebhookDelivery> deliveries(WorkspaceId workspaceId, WebhookEndpointId id, Optional<Keyset> after, int limit);

    /** Makes the delivery pending and due at {@code now}; empty when the endpoint has no such delivery. */
    Optional<WebhookDelivery> retryNow(WorkspaceId workspaceId, WebhookEndpointId id, WebhookDeliveryId deliveryId,
                                       Instant now);

    /** Deletes up to {@code batchSize} deliveries queued before {@code cutoff} that are no longer pending. */
    int purgeFinishedBefore(Instant cutoff, int batchSize);

    /** An endpoint and the last event it was given (empty: none since it began). */
    record EndpointBehind(WebhookEndpoint endpoint, Optional<EventId> position) {
        public EndpointBehind {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(position, "position");
        }
    }

    /** A delivery to queue: the event, and the body every attempt sends. */
    record NewDelivery(WebhookDeliveryId id, EventId eventId, EventType type, String body, Instant queuedAt) {
        public NewDelivery {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(queuedAt, "queuedAt");
        }
    }

    /** A claimed delivery, with what an attempt needs; {@code claim} identifies this claim. */
    record DueDelivery(WebhookDeliveryId id, WorkspaceId workspaceId, WebhookEndpointId endpointId, WebhookUrl url,
                       WebhookSecret secret, EventId eventId, String body, int attempts, Instant queuedAt, String claim) {
        public DueDelivery {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(queuedAt, "queuedAt");
            Objects.requireNonNull(claim, "claim");
        }
    }

    /**
     * What an attempt of {@code delivery} came to: its new status and attempt count, the next attempt
     * (pending only), the answer's status (when answered) and how long it took.
     */
    record AttemptRecord(DueDelivery delivery, Instant at, DeliveryStatus status, int attempts,
                         Optional<Instant> nextAttemptAt, OptionalInt responseStatus, long durationMs) {
        public AttemptRecord {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
            Objects.requireNonNull(responseStatus, "responseStatus");
            if ((status == DeliveryStatus.PENDING) != nextAttemptAt.isPresent()) {
                throw new IllegalArgumentException("a pending delivery, and only one, has a next attempt");
            }
        }
    }
}
