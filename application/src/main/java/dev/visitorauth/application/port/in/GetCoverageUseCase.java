package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.coverage.Coverage;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * A widget's coverage over the last hours (spec sections 11 and 14): start-ups by outcome and
 * origin bucket, and what switching to {@code required} would have refused. The window is the
 * current hour and the {@code hours - 1} whole hours before it. Refusals: {@code invalid_request}
 * naming {@code hours} outside 1 to 720, {@code not_found} for a widget not in the workspace.
 */
public interface GetCoverageUseCase {

    Result<Coverage> coverage(CoverageQuery query);

    record CoverageQuery(WorkspaceId workspaceId, WidgetId widgetId, long hours) {
        public CoverageQuery {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(widgetId, "widgetId");
        }
    }
}
