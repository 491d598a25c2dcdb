package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes list positions into opaque, tamper-evident cursors and back. A cursor opens only for the
 * exact {@link CursorScope} it was sealed for: edited, or used for another list, owner, workspace
 * or filter, it does not open. Every node of a cluster must seal with the same key, so a cursor
 * from one node opens on another.
 */
public interface CursorCodecPort {

    /** The cursor for {@code position} (at most {@value #MAX_POSITION_LENGTH} characters) in {@code scope}. */
    String seal(CursorScope scope, String position);

    /**
     * The position inside {@code cursor}, or empty when the cursor was not sealed by this service
     * for exactly {@code scope} (altered, truncated, garbage, or another list's).
     */
    Optional<String> open(CursorScope scope, String cursor);

    /** The longest position a cursor carries. */
    int MAX_POSITION_LENGTH = 1024;

    /**
     * What a cursor is bound to.
     *
     * @param list      the list's name, e.g. {@code users} or {@code user-visitors}
     * @param workspace the workspace whose data it lists
     * @param owner     whose items it lists (a user, a visitor), or "" for a workspace-wide list
     * @param filter    the list's filter (e.g. a search text), or "" for none
     */
    record CursorScope(String list, WorkspaceId workspace, String owner, String filter) {
        public CursorScope {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(filter, "filter");
        }
    }
}
