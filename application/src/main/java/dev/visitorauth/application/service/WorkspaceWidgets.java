package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Finding a widget for an admin or internal caller of one workspace. */
final class WorkspaceWidgets {
    private WorkspaceWidgets() {
    }

    /** The workspace's widget; another workspace's widget is as absent as a missing one ({@code widget_not_found}). */
    static Result<Widget> find(LoadWidgetPort widgets, WorkspaceId workspaceId, WidgetId widgetId) {
        return widgets.findWidget(widgetId).filter(w -> w.workspaceId().equals(workspaceId))
                .<Result<Widget>>map(Result::ok).orElseGet(Refusals::widgetNotFound);
    }
}
