package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.LoadWebhookEndpointsPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Finding a webhook endpoint for the workspace API key. */
final class WebhookEndpoints {
    private WebhookEndpoints() {
    }

    /** The workspace's endpoint; another workspace's is as absent as a missing one ({@code not_found}). */
    static Result<WebhookEndpoint> find(LoadWebhookEndpointsPort endpoints, WorkspaceId workspaceId,
                                        WebhookEndpointId webhookId) {
        return endpoints.webhookEndpoint(workspaceId, webhookId)
                .<Result<WebhookEndpoint>>map(Result::ok).orElseGet(() -> Result.refused(WebhookEndpointId.unknown()));
    }
}
