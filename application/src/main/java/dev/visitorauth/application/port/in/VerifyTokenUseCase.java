package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Verifies a visitor token for a widget of the workspace with no side effects: nothing recorded,
 * no {@code jti} consumed (a {@code jti} already used is still reported as {@code token_replayed}).
 */
public interface VerifyTokenUseCase {

    Result<VerifiedToken> verifyToken(WorkspaceId workspaceId, WidgetId widgetId, String token);
}
