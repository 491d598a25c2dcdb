package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.UserSearch;
import java.util.Objects;

/** A workspace's users, listed or searched, a page at a time behind a sealed cursor. */
public final class ListUsersService implements ListUsersUseCase {
    private final SearchUsersPort search;
    private final CursorCodecPort cursors;

    public ListUsersService(SearchUsersPort search, CursorCodecPort cursors) {
        this.search = Objects.requireNonNull(search, "search");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    @Override
    public Result<UserPage> listUsers(ListUsersQuery query) {
        return UserSearch.pageSize(query.limit()).flatMap(limit -> UserSearch.query(query.query())).flatMap(text -> {
            CursorScope scope = new CursorScope(Paging.USERS, query.workspaceId(), "", text);
            return Paging.openPosition(cursors, scope, query.cursor()).map(after -> {
                SearchUsersPort.UserPage page = search.searchUsers(query.workspaceId(), text, query.limit(), after);
                return new UserPage(page.users(), page.nextCursor().map(position -> cursors.seal(scope, position)));
            });
        });
    }
}
