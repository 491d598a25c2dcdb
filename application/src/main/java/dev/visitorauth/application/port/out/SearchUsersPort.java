package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists and searches a workspace's users, in a stable order, a page at a time. */
public interface SearchUsersPort {

    /**
     * @param query  matched case-insensitively as a substring of external id, name or email; empty lists all
     * @param limit  1 to 100
     * @param after  the cursor of the previous page (the last user's external id), empty for the first
     */
    UserPage searchUsers(WorkspaceId workspaceId, String query, int limit, Optional<String> after);

    /**
     * @param users      at most {@code limit} users ordered by external id
     * @param nextCursor where the next page starts, empty when this is the last page
     */
    record UserPage(List<User> users, Optional<String> nextCursor) {
        public UserPage {
            users = List.copyOf(users);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }
}
