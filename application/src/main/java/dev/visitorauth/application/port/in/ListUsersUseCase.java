package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists and searches a workspace's users a page at a time. {@code invalid_request} for a bad limit. */
public interface ListUsersUseCase {

    Result<UserPage> listUsers(ListUsersQuery query);

    /**
     * @param query  substring of external id, name or email; empty lists all
     * @param limit  1 to 100 (default 50)
     * @param cursor the previous page's {@code nextCursor}
     */
    record ListUsersQuery(WorkspaceId workspaceId, String query, int limit, Optional<String> cursor) {
        public ListUsersQuery {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    /**
     * @param users      at most {@code limit} users ordered by external id
     * @param nextCursor the next page's cursor, empty when this is the last page
     */
    record UserPage(List<User> users, Optional<String> nextCursor) {
        public UserPage {
            users = List.copyOf(users);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }
}
