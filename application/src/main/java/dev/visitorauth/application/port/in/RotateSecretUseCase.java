package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Rotates a widget's secret: a new one becomes current at once; the old one keeps verifying for
 * {@code graceSeconds} (0 to 86400; 0 invalidates it at once) and is then remembered only to
 * diagnose {@code secret_rotated}.
 */
public interface RotateSecretUseCase {

    Result<WidgetSecret> rotateSecret(WorkspaceId workspaceId, WidgetId widgetId, long graceSeconds);
}
