package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** A widget of the workspace. {@code widget_not_found} for another workspace's widget too. */
public interface GetWidgetUseCase {

    Result<WidgetDetails> getWidget(WorkspaceId workspaceId, WidgetId widgetId);
}
