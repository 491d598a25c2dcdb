package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import dev.visitorauth.application.port.in.UserListQuery;
import dev.visitorauth.application.port.in.VisitorPage;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.visitor.Visitor;
import java.util.Objects;

/** A user's full list of visitors (devices), most recently seen first, a page at a time by keyset. */
public final class ListUserVisitorsService implements ListUserVisitorsUseCase {
    private final LoadUserPort users;
    private final PageVisitorsPort visitors;
    private final CursorCodecPort cursors;

    public ListUserVisitorsService(LoadUserPort users, PageVisitorsPort visitors, CursorCodecPort cursors) {
        this.users = Objects.requireNonNull(users, "users");
        this.visitors = Objects.requireNonNull(visitors, "visitors");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    @Override
    public Result<VisitorPage> listUserVisitors(UserListQuery query) {
        return Paging.pageSize(query.limit()).flatMap(limit ->
                UserLookup.find(users, query.workspaceId(), query.externalId()).flatMap(user -> {
                    CursorScope scope = new CursorScope(Paging.USER_VISITORS, query.workspaceId(), "user:" + user.id().value(), "");
                    return Paging.openKeyset(cursors, scope, query.cursor()).map(after -> {
                        Slice<Visitor> slice = visitors.pageVisitorsOf(query.workspaceId(), user.id(),
                                ListOrder.RECENT_FIRST, limit, after);
                        return new VisitorPage(slice.items(), Paging.sealKeyset(cursors, scope, slice.next()));
                    });
                }));
    }
}
