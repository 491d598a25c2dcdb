package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Map;

/** Reads a widget's failure log. */
public interface LoadAuthFailuresPort {

    /**
     * @param limit how many of the newest failures to return (1 to 1000)
     */
    AuthFailureLog recentAuthFailures(WorkspaceId workspaceId, WidgetId widgetId, int limit);

    /**
     * @param failures     the newest failures, newest first
     * @param countsByCode counts per code over the whole retained log
     */
    record AuthFailureLog(List<AuthFailure> failures, Map<ErrorCode, Long> countsByCode) {
        public AuthFailureLog {
            failures = List.copyOf(failures);
            countsByCode = Map.copyOf(countsByCode);
        }
    }
}
