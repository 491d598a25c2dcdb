package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthFailures;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort.AuthFailureLog;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;

/** A widget's failed verifications, for a workspace's admins. */
public final class AuthFailureLogService implements ListAuthFailuresUseCase {
    private final LoadWidgetPort widgets;
    private final LoadAuthFailuresPort failures;

    public AuthFailureLogService(LoadWidgetPort widgets, LoadAuthFailuresPort failures) {
        this.widgets = Objects.requireNonNull(widgets, "widgets");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public Result<AuthFailures> listAuthFailures(WorkspaceId workspaceId, WidgetId widgetId, int limit) {
        return AuthFailure.listed(limit).flatMap(listed -> WorkspaceWidgets.find(widgets, workspaceId, widgetId).map(widget -> {
            AuthFailureLog log = failures.recentAuthFailures(workspaceId, widget.id(), listed);
            return new AuthFailures(log.failures(), log.countsByCode());
        }));
    }
}
