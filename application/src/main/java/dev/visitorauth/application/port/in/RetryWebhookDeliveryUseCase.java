package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookDelivery;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Attempts a delivery again as soon as a worker is free, whatever its status (a failed one, or a
 * delivered one the receiver lost). If that attempt fails the retry schedule goes on from it, within
 * the delivery's 24-hour window; past the window it is {@code failed} again. Refusal:
 * {@code not_found} (no such endpoint, or no such delivery of it).
 */
public interface RetryWebhookDeliveryUseCase {

    Result<WebhookDelivery> retryWebhookDelivery(WorkspaceId workspaceId, WebhookEndpointId webhookId, WebhookDeliveryId deliveryId);
}
