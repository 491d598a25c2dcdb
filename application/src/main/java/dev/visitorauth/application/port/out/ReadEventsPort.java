package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/**
 * Reads a workspace's event log in order (spec sections 10 and 11): what the widget streams, the
 * admin stream, gRPC {@code WatchWorkspace} and webhooks hand out.
 *
 * <p>Positions are per workspace, gap-free and handed out in commit order: an event that commits
 * later always has a larger position than every event a reader has already seen, so reading
 * "after {@code p}" never skips an event that commits afterwards.
 */
public interface ReadEventsPort {
    /** The most events one read returns. */
    int MAX_LIMIT = 1_000;

    /**
     * Up to {@code limit} (1 to {@value #MAX_LIMIT}) committed events of {@code workspaceId} after
     * {@code after} (all retained ones when empty), oldest first.
     */
    List<WorkspaceEvent> eventsAfter(WorkspaceId workspaceId, Optional<EventId> after, int limit);

    /**
     * The position to read after, once the arguments of {@link #eventsAfter} are checked: both
     * stores call it, so the bound has one home.
     *
     * @throws IllegalArgumentException when {@code limit} is outside 1 to {@value #MAX_LIMIT}
     */
    static long checkedPositionAfter(WorkspaceId workspaceId, Optional<EventId> after, int limit) {
        java.util.Objects.requireNonNull(workspaceId, "workspaceId");
        java.util.Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        return after.map(EventId::position).orElse(0L);
    }

    /** The newest committed event's id of {@code workspaceId}, empty when it never had one. */
    Optional<EventId> newest(WorkspaceId workspaceId);
}
