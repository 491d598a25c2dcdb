package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;

/** Every endpoint of the workspace (at most {@link CreateWebhookUseCase#MAX_ENDPOINTS}), oldest first, without secrets. */
public interface ListWebhooksUseCase {

    Result<List<WebhookEndpoint>> listWebhooks(WorkspaceId workspaceId);
}
