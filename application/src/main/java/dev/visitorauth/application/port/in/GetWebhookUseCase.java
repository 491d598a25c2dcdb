package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** One endpoint of the workspace, without its secret. Refusal: {@code not_found} (none with this id here). */
public interface GetWebhookUseCase {

    Result<WebhookEndpoint> getWebhook(WorkspaceId workspaceId, WebhookEndpointId webhookId);
}
