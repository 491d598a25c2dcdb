package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Runs every check on a token and reports each outcome, for a developer debugging an integration.
 * Changes nothing, records nothing, consumes no {@code jti}. Refused only for an unknown widget.
 */
public interface InspectTokenUseCase {

    Result<InspectedToken> inspectToken(WorkspaceId workspaceId, WidgetId widgetId, String token);
}
