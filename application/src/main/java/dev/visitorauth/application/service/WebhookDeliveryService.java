package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.DeliverWebhooksUseCase;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.ReadEventsPort;
import dev.visitorauth.application.port.out.SaveWebhookEndpointPort;
import dev.visitorauth.application.port.out.SendWebhookPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.AttemptRecord;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.DueDelivery;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.EndpointBehind;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort.NewDelivery;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.webhook.DeliveryStatus;
import dev.visitorauth.domain.webhook.RetrySchedule;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookPayload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The webhook worker's round (spec section 11): the event log is the outbox. Queuing reads each
 * endpoint's events past its position in one transaction with the position's update, under the
 * endpoint's row lock (skipped by other nodes), so an event is queued once per endpoint. Attempts
 * run outside transactions on deliveries claimed for a lease; a node that dies mid-attempt leaves a
 * claim that expires, and another node attempts the delivery again (at least once).
 */
public final class WebhookDeliveryService implements DeliverWebhooksUseCase {
    /** How long a claim holds a delivery: longer than an attempt can take (its timeouts are seconds). */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /** Endpoints queued per round. */
    static final int ENDPOINTS_PER_ROUND = 50;

    private final WebhookDeliveryQueuePort queue;
    private final SaveWebhookEndpointPort endpoints;
    private final ReadEventsPort events;
    private final SendWebhookPort sender;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;

    public WebhookDeliveryService(WebhookDeliveryQueuePort queue, SaveWebhookEndpointPort endpoints, ReadEventsPort events,
                                  SendWebhookPort sender, TransactionPort transactions, RandomPort random, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.events = Objects.requireNonNull(events, "events");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DeliveryRound deliverDue(int batchSize) {
        if (batchSize < 1 || batchSize > ReadEventsPort.MAX_LIMIT) {
            throw new IllegalArgumentException("batchSize must be 1 to " + ReadEventsPort.MAX_LIMIT);
        }
        int queued = queueNewEvents(batchSize);
        Instant now = clock.instant();
        queue.purgeFinishedBefore(now.minus(WebhookDelivery.KEPT), 100);
        List<DueDelivery> due = transactions.inTransaction(() -> Result.ok(queue.claimDue(now, now.plus(LEASE), batchSize)))
                .orElseThrow();
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        int disabled = 0;
        for (DueDelivery delivery : due) {
            SendWebhookPort.Attempt attempt = sender.send(delivery.url(), delivery.secret(), delivery.eventId(), delivery.body());
            Outcome outcome = record(delivery, attempt);
            switch (outcome) {
                case DELIVERED -> delivered++;
                case RETRYING -> retrying++;
                case FAILED -> failed++;
                case DISABLED -> {
                    failed++;
                    disabled++;
                }
                case LOST -> { }
            }
        }
        return new DeliveryRound(queued, delivered, retrying, failed, disabled);
    }

    /** Queues deliveries for the endpoints behind their workspace's log; returns how many. */
    private int queueNewEvents(int batchSize) {
        return transactions.inTransaction(() -> {
            int queued = 0;
            for (EndpointBehind behind : queue.lockEndpointsBehind(ENDPOINTS_PER_ROUND)) {
                WebhookEndpoint endpoint = behind.endpoint();
                List<WorkspaceEvent> read = events.eventsAfter(endpoint.workspaceId(), behind.position(), batchSize);
                if (read.isEmpty()) {
                    continue;
                }
                Instant now = clock.instant();
                List<NewDelivery> deliveries = new ArrayList<>();
                for (WorkspaceEvent event : read) {
                    if (endpoint.subscribes(event.type())) {
                        deliveries.add(new NewDelivery(new WebhookDeliveryId(credentials.id("whd_", 12)), event.id(),
                                event.type(), WebhookPayload.body(event), now));
                    }
                }
                queue.queue(endpoint, deliveries, read.get(read.size() - 1).id());
                queued += deliveries.size();
            }
            return Result.ok(queued);
        }).orElseThrow();
    }

    private enum Outcome { DELIVERED, RETRYING, FAILED, DISABLED, LOST }

    private Outcome record(DueDelivery delivery, SendWebhookPort.Attempt attempt) {
        Instant at = clock.instant();
        int attempts = delivery.attempts() + 1;
        OptionalInt status = attempt instanceof SendWebhookPort.Answered answered ? OptionalInt.of(answered.status())
                : OptionalInt.empty();
        boolean ok = status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300;
        Optional<Instant> next = ok ? Optional.empty() : RetrySchedule.nextAttempt(attempts, delivery.queuedAt(), at);
        DeliveryStatus newStatus = ok ? DeliveryStatus.DELIVERED
                : next.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
        AttemptRecord record = new AttemptRecord(delivery, at, newStatus, attempts, next, status, attempt.took().toMillis());
        return transactions.inTransaction(() -> {
            if (!queue.recordAttempt(record)) {
                return Result.ok(Outcome.LOST);
            }
            Optional<WebhookEndpoint> endpoint = queue.recordEndpointHealth(delivery.workspaceId(), delivery.endpointId(),
                    ok, at);
            if (ok) {
                return Result.ok(Outcome.DELIVERED);
            }
            if (endpoint.isPresent() && endpoint.get().enabled() && endpoint.get().failingSince().isPresent()
                    && RetrySchedule.disables(endpoint.get().failingSince().get(), at)) {
                String last = status.isPresent() ? "HTTP " + status.getAsInt()
                        : ((SendWebhookPort.NotAnswered) attempt).reason();
                endpoints.updateWebhookEndpoint(endpoint.get().disabled(at, "Every delivery attempt failed for "
                        + RetrySchedule.DISABLE_AFTER.toDays() + " days (since " + endpoint.get().failingSince().get()
                        + "); the last answer: " + last + ". Fix the receiver, then PATCH the endpoint to enable it again."),
                        false);
                queue.failPending(delivery.workspaceId(), delivery.endpointId());
                return Result.ok(Outcome.DISABLED);
            }
            return Result.ok(newStatus == DeliveryStatus.PENDING ? Outcome.RETRYING : Outcome.FAILED);
        }).orElseThrow();
    }
}
