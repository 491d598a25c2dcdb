package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** The widget's current secret, for the company's server to sign tokens with. */
public interface RevealSecretUseCase {

    Result<WidgetSecret> revealSecret(WorkspaceId workspaceId, WidgetId widgetId);
}
