package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;

/**
 * Creates a webhook endpoint with a new {@code whsec_} secret (spec section 11). It receives the
 * events of its types committed after it was created. Refusals: {@code invalid_request} naming
 * {@code url} (not https, not a URL, or refused by the outbound guard: "refused: private address")
 * or {@code events} (empty, or a name that is not a webhook event type), and {@code invalid_request}
 * when the workspace already has {@code MAX_ENDPOINTS} endpoints.
 */
public interface CreateWebhookUseCase {
    /** The most endpoints one workspace has. */
    int MAX_ENDPOINTS = 20;

    Result<WebhookDetails> createWebhook(CreateWebhookCommand command);

    record CreateWebhookCommand(WorkspaceId workspaceId, String url, List<String> events) {
        public CreateWebhookCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(url, "url");
            events = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(events));
        }
    }
}
