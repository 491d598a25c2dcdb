package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Finding a widget, and its keyring, for an admin or internal caller of one workspace. */
final class WorkspaceWidgets {
    private WorkspaceWidgets() {
    }

    /** The workspace's widget; another workspace's widget is as absent as a missing one ({@code widget_not_found}). */
    static Result<Widget> find(LoadWidgetPort widgets, WorkspaceId workspaceId, WidgetId widgetId) {
        return widgets.findWidget(widgetId).filter(w -> w.workspaceId().equals(workspaceId))
                .<Result<Widget>>map(Result::ok).orElseGet(Refusals::widgetNotFound);
    }

    /** The widget's keyring as stored; {@code widget_not_found} when it has none (deleted meanwhile). */
    static Result<WidgetKeyring> keyring(LoadWidgetPort widgets, Widget widget) {
        return widgets.findKeyring(widget.workspaceId(), widget.id()).<Result<WidgetKeyring>>map(Result::ok)
                .orElseGet(Refusals::widgetNotFound);
    }

    /** The widget's keyring, locked until the transaction ends, so its changes apply one after the other. */
    static Result<WidgetKeyring> lockedKeyring(LoadWidgetPort widgets, Widget widget) {
        return widgets.lockKeyring(widget.workspaceId(), widget.id()).<Result<WidgetKeyring>>map(Result::ok)
                .orElseGet(Refusals::widgetNotFound);
    }
}
