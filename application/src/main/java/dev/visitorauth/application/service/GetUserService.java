package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.UserDetails;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/** The capped look-up of a user: at most {@value Paging#USER_DETAILS_CAP} of each sub-list, newest first, with the full counts. */
public final class GetUserService implements GetUserUseCase {
    private final LoadUserPort users;
    private final PageVisitorsPort visitors;
    private final PageConversationsPort conversations;

    public GetUserService(LoadUserPort users, PageVisitorsPort visitors, PageConversationsPort conversations) {
        this.users = Objects.requireNonNull(users, "users");
        this.visitors = Objects.requireNonNull(visitors, "visitors");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
    }

    @Override
    public Result<UserDetails> getUser(WorkspaceId workspaceId, ExternalUserId externalId) {
        return UserLookup.find(users, workspaceId, externalId).map(this::details);
    }

    private UserDetails details(User user) {
        WorkspaceId ws = user.workspaceId();
        ConversationOwner owner = new ConversationOwner.LinkedUser(user.id());
        return new UserDetails(user,
                visitors.pageVisitorsOf(ws, user.id(), ListOrder.RECENT_FIRST, Paging.USER_DETAILS_CAP, Optional.empty()).items(),
                conversations.pageConversationsOf(ws, owner, ListOrder.RECENT_FIRST, Paging.USER_DETAILS_CAP,
                        Optional.empty()).items(),
                visitors.countVisitorsOf(ws, user.id()), conversations.countConversationsOf(ws, owner));
    }
}
