package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes an endpoint's URL and/or event types (the members given), with the create's checks. Any
 * change re-enables a disabled endpoint and clears its failures; it then receives events committed
 * from then on. Refusals: {@code not_found}, and {@code invalid_request} naming {@code url} or
 * {@code events} as at create.
 */
public interface UpdateWebhookUseCase {

    Result<WebhookEndpoint> updateWebhook(UpdateWebhookCommand command);

    record UpdateWebhookCommand(WorkspaceId workspaceId, WebhookEndpointId webhookId, Optional<String> url,
                                Optional<List<String>> events) {
        public UpdateWebhookCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(url, "url");
            events = events.map(e -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(e)));
        }
    }
}
