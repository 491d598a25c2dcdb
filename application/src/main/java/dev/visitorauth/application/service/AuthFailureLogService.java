package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthFailures;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort.AuthFailureLog;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
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
        if (limit < 1 || limit > 1000) {
            return Refusals.invalid(InputField.FAILURE_LIMIT, "must be 1 to 1000.");
        }
        return WorkspaceWidgets.find(widgets, workspaceId, widgetId).map(widget -> {
            AuthFailureLog log = failures.recentAuthFailures(workspaceId, widget.id(), limit);
            return new AuthFailures(log.failures(), log.countsByCode());
        });
    }
}
