package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.coverage.StartupOutcome;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts start-ups in the widget's hourly counters (spec section 11: coverage). One call adds one
 * to the counter of (widget, hour, origin bucket, outcome, code), creating it at 1. Called inside a
 * transaction, the count takes effect only if that transaction commits (a rollback undoes it). A
 * store may write counts a short while later, in batches: {@link LoadCoveragePort} on the same
 * node then includes them, other nodes see them within that while (the JDBC store: 1 s).
 */
public interface CountStartupsPort {

    /**
     * @param hour   the start of the hour (UTC, whole hour) the start-up happened in
     * @param origin the origin bucket ({@code dev.visitorauth.domain.coverage.OriginBucket})
     * @param code   the refusal's code for {@code refused}, the failed verification's for
     *               {@code observed_invalid}, empty otherwise
     */
    void countStartup(WorkspaceId workspaceId, WidgetId widgetId, Instant hour, String origin, StartupOutcome outcome,
                      Optional<ErrorCode> code);
}
