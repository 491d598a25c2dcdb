package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;

/** What the failure-spike alert ({@code widget.auth_failures_spiked}) reads and remembers. */
public interface FailureSpikePort {

    /**
     * The widget's failed verifications in its failure log at or after {@code since}, counting at
     * most {@code cap} (the answer is {@code min(count, cap)}); {@code jwks_unavailable} records
     * (not a start-up's failure) are not counted.
     */
    long countRecentFailures(WorkspaceId workspaceId, WidgetId widgetId, Instant since, long cap);

    /**
     * Takes the widget's alert slot: true when no alert was taken in the {@code interval} before
     * {@code now} (the slot is then the caller's, from {@code now}); false otherwise. Safe across
     * nodes: of concurrent callers at most one gets true. Joins the caller's transaction.
     */
    boolean claimSpikeAlert(WorkspaceId workspaceId, WidgetId widgetId, Instant now, Duration interval);
}
