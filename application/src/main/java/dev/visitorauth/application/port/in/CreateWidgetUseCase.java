package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Creates a widget with its first secret. {@code invalid_request} names the setting that is wrong. */
public interface CreateWidgetUseCase {

    /** {@code settings.name} is required. */
    Result<WidgetDetails> createWidget(WorkspaceId workspaceId, WidgetSettings settings);
}
