package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.webhook.WebhookSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Writes webhook endpoints. Secrets are stored encrypted ({@link SecretCipherPort}, bound to the
 * endpoint's id), never in the clear. Join the caller's transaction.
 */
public interface SaveWebhookEndpointPort {

    /**
     * Stores a new endpoint with {@code secret}; it is given the events of its workspace committed
     * after its creation only (its log position is the workspace's newest event now).
     */
    void createWebhookEndpoint(WebhookEndpoint endpoint, WebhookSecret secret);

    /**
     * Stores a changed endpoint (URL, events, failures, disabling). With {@code fromNow} its log
     * position moves to the workspace's newest event: events committed meanwhile are not given to it.
     */
    void updateWebhookEndpoint(WebhookEndpoint endpoint, boolean fromNow);

    /** Replaces the endpoint's secret. */
    void saveWebhookSecret(WorkspaceId workspaceId, WebhookEndpointId id, WebhookSecret secret);

    /** Deletes the endpoint and its deliveries; false when {@code workspaceId} has no such endpoint. */
    boolean deleteWebhookEndpoint(WorkspaceId workspaceId, WebhookEndpointId id);

    /** The number of endpoints {@code workspaceId} has, counted under a lock on the workspace's endpoint list. */
    int lockAndCountWebhookEndpoints(WorkspaceId workspaceId);
}
