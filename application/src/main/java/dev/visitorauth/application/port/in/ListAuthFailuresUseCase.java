package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** A widget's failed verifications, newest first, with counts per code. {@code limit} 1 to 1000. */
public interface ListAuthFailuresUseCase {

    Result<AuthFailures> listAuthFailures(WorkspaceId workspaceId, WidgetId widgetId, int limit);
}
