package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A page of one of a user's sub-lists.
 *
 * @param limit  1 to 100; default 20
 * @param cursor the previous page's {@code nextCursor}; empty for the first page
 */
public record UserListQuery(WorkspaceId workspaceId, ExternalUserId externalId, OptionalInt limit, Optional<String> cursor) {
    public UserListQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(cursor, "cursor");
    }
}
