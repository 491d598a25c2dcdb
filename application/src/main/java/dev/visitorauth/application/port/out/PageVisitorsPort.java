package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Optional;

/** Reads a user's visitors (devices) a page at a time, by keyset, never by offset. */
public interface PageVisitorsPort {

    /**
     * @param limit 1 to 1000
     * @param after the previous page's {@link Slice#next()}; empty for the first page
     * @return at most {@code limit} visitors linked to the user, in {@code order}
     */
    Slice<Visitor> pageVisitorsOf(WorkspaceId workspaceId, UserId userId, ListOrder order, int limit, Optional<Keyset> after);

    /** How many visitors are linked to the user. */
    long countVisitorsOf(WorkspaceId workspaceId, UserId userId);
}
