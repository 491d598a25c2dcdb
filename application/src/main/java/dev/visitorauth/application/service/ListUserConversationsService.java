package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ConversationPage;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.UserListQuery;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/** A user's full list of conversations, newest activity first, a page at a time by keyset. */
public final class ListUserConversationsService implements ListUserConversationsUseCase {
    private final LoadUserPort users;
    private final PageConversationsPort conversations;
    private final CursorCodecPort cursors;

    public ListUserConversationsService(LoadUserPort users, PageConversationsPort conversations, CursorCodecPort cursors) {
        this.users = Objects.requireNonNull(users, "users");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    @Override
    public Result<ConversationPage> listUserConversations(UserListQuery query) {
        return Paging.pageSize(query.limit()).flatMap(limit ->
                UserLookup.find(users, query.workspaceId(), query.externalId()).flatMap(user -> {
                    ConversationOwner owner = new ConversationOwner.LinkedUser(user.id());
                    CursorScope scope = new CursorScope(Paging.USER_CONVERSATIONS, query.workspaceId(), Paging.ownerKey(owner), "");
                    return Paging.openKeyset(cursors, scope, query.cursor()).map(after -> {
                        Slice<Conversation> slice = conversations.pageConversationsOf(query.workspaceId(), owner,
                                ListOrder.RECENT_FIRST, limit, after);
                        return new ConversationPage(slice.items(), Paging.sealKeyset(cursors, scope, slice.next()));
                    });
                }));
    }
}
