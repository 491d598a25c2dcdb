package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Reads a workspace's webhook endpoints (never their secrets). */
public interface LoadWebhookEndpointsPort {

    /** The endpoint {@code id} of {@code workspaceId}; empty for another workspace's. */
    Optional<WebhookEndpoint> webhookEndpoint(WorkspaceId workspaceId, WebhookEndpointId id);

    /** Every endpoint of {@code workspaceId}, oldest first. */
    List<WebhookEndpoint> webhookEndpoints(WorkspaceId workspaceId);
}
