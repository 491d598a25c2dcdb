package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Deletes an endpoint and its delivery log; nothing more is sent to it. Refusal: {@code not_found}. */
public interface DeleteWebhookUseCase {

    Result<WebhookEndpointId> deleteWebhook(WorkspaceId workspaceId, WebhookEndpointId webhookId);
}
