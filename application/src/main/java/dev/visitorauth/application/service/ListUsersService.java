package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/** A workspace's users, listed or searched, a page at a time behind a sealed cursor. */
public final class ListUsersService implements ListUsersUseCase {
    static final int MAX_PAGE_SIZE = 100;

    private final SearchUsersPort search;
    private final CursorCodecPort cursors;

    public ListUsersService(SearchUsersPort search, CursorCodecPort cursors) {
        this.search = Objects.requireNonNull(search, "search");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    @Override
    public Result<UserPage> listUsers(ListUsersQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE_SIZE) {
            return Refusals.invalid(InputField.PAGE_SIZE, "must be 1 to " + MAX_PAGE_SIZE + ".");
        }
        if (query.query().length() > 255) {
            return Refusals.invalid(InputField.QUERY, "must be at most 255 characters.");
        }
        CursorScope scope = new CursorScope(Paging.USERS, query.workspaceId(), "", query.query());
        return Paging.openPosition(cursors, scope, query.cursor()).map(after -> {
            SearchUsersPort.UserPage page = search.searchUsers(query.workspaceId(), query.query(), query.limit(), after);
            return new UserPage(page.users(), page.nextCursor().map(position -> cursors.seal(scope, position)));
        });
    }
}
