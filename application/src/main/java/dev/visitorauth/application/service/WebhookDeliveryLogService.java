package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ListWebhookDeliveriesUseCase;
import dev.visitorauth.application.port.in.RetryWebhookDeliveryUseCase;
import dev.visitorauth.application.port.in.WebhookDeliveryPage;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.LoadWebhookEndpointsPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.application.port.out.WebhookDeliveryQueuePort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.util.Objects;

/**
 * An endpoint's delivery log (spec section 11), for the workspace API key: listed a page at a time,
 * and a delivery retried now. Each use case is one transaction; another workspace's endpoints and
 * deliveries are {@code not_found}.
 */
public final class WebhookDeliveryLogService implements ListWebhookDeliveriesUseCase, RetryWebhookDeliveryUseCase {
    static final String DELIVERIES = "webhook-deliveries";

    private final LoadWebhookEndpointsPort endpoints;
    private final WebhookDeliveryQueuePort queue;
    private final CursorCodecPort cursors;
    private final TransactionPort transactions;
    private final Clock clock;

    public WebhookDeliveryLogService(LoadWebhookEndpointsPort endpoints, WebhookDeliveryQueuePort queue,
                                     CursorCodecPort cursors, TransactionPort transactions, Clock clock) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<WebhookDeliveryPage> listWebhookDeliveries(ListWebhookDeliveriesQuery query) {
        return Paging.pageSize(query.limit()).flatMap(limit -> transactions.inTransaction(() ->
                WebhookEndpoints.find(endpoints, query.workspaceId(), query.webhookId()).flatMap(endpoint -> {
                    CursorScope scope = new CursorScope(DELIVERIES, query.workspaceId(), endpoint.id().value(), "");
                    return Paging.openKeyset(cursors, scope, query.cursor()).map(after -> {
                        Slice<WebhookDelivery> slice = queue.deliveries(query.workspaceId(), endpoint.id(), after, limit);
                        return new WebhookDeliveryPage(slice.items(), Paging.sealKeyset(cursors, scope, slice.next()));
                    });
                })));
    }

    @Override
    public Result<WebhookDelivery> retryWebhookDelivery(WorkspaceId workspaceId, WebhookEndpointId webhookId,
                                                        WebhookDeliveryId deliveryId) {
        return transactions.inTransaction(() -> WebhookEndpoints.find(endpoints, workspaceId, webhookId).flatMap(endpoint ->
                queue.retryNow(workspaceId, endpoint.id(), deliveryId, clock.instant())
                        .<Result<WebhookDelivery>>map(Result::ok)
                        .orElseGet(() -> Result.refused(WebhookDeliveryId.unknown()))));
    }
}
