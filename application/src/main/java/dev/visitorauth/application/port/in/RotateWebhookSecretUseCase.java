package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Gives an endpoint a new {@code whsec_} secret, returned once; every attempt from then on (retries
 * of earlier deliveries included) is signed with it. Refusal: {@code not_found}.
 */
public interface RotateWebhookSecretUseCase {

    Result<WebhookSecret> rotateWebhookSecret(WorkspaceId workspaceId, WebhookEndpointId webhookId);
}
