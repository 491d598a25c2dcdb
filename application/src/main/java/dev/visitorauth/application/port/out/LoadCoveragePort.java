package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.coverage.StartupCount;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/** Reads a widget's hourly start-up counters, summed over a range of hours. */
public interface LoadCoveragePort {

    /**
     * The widget's counts for the hours starting at or after {@code fromHour} and before
     * {@code toHour}, summed per origin bucket, outcome and code (one row each; zero counts absent).
     * At most (allowed origins + 2) × (outcomes and codes) rows, whatever the range.
     */
    List<StartupCount> startupCounts(WorkspaceId workspaceId, WidgetId widgetId, Instant fromHour, Instant toHour);
}
