package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Changes a widget's name, policy or allowed origins; absent settings stay. */
public interface UpdateWidgetUseCase {

    Result<WidgetDetails> updateWidget(WorkspaceId workspaceId, WidgetId widgetId, WidgetSettings settings);
}
