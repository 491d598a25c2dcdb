package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An endpoint's delivery log, newest first, paged with tamper-evident cursors bound to the endpoint
 * (limit 1 to 100, default 20). Refusals: {@code not_found}; {@code invalid_request} naming
 * {@code limit} or {@code cursor}.
 */
public interface ListWebhookDeliveriesUseCase {

    Result<WebhookDeliveryPage> listWebhookDeliveries(ListWebhookDeliveriesQuery query);

    record ListWebhookDeliveriesQuery(WorkspaceId workspaceId, WebhookEndpointId webhookId, OptionalInt limit, Optional<String> cursor) {
        public ListWebhookDeliveriesQuery {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(cursor, "cursor");
        }
    }
}
