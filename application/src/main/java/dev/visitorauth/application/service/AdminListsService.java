package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Workspace-wide lists for admins (spec section 11): the widgets, and the agent inbox across users
 * and anonymous visitors. Both are keyset pages behind tamper-evident cursors bound to the list,
 * workspace and filter.
 */
public final class AdminListsService implements ListWidgetsUseCase, ListInboxUseCase {
    private final LoadWidgetPort widgets;
    private final PageConversationsPort conversations;
    private final LoadUserPort users;
    private final CursorCodecPort cursors;

    public AdminListsService(LoadWidgetPort widgets, PageConversationsPort conversations, LoadUserPort users,
                             CursorCodecPort cursors) {
        this.widgets = Objects.requireNonNull(widgets, "widgets");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.users = Objects.requireNonNull(users, "users");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    /** {@inheritDoc} Each widget's keyring is read for its key id and public keys: at most {@code limit} reads. */
    @Override
    public Result<WidgetPage> listWidgets(ListWidgetsQuery query) {
        CursorScope scope = new CursorScope(Paging.WIDGETS, query.workspaceId(), "", "");
        return Paging.pageSize(query.limit()).flatMap(limit ->
                Paging.openKeyset(cursors, scope, query.cursor()).map(after -> {
                    Slice<Widget> slice = widgets.pageWidgets(query.workspaceId(), limit, after);
                    List<WidgetDetails> page = new ArrayList<>();
                    for (Widget widget : slice.items()) {
                        widgets.findKeyring(widget.workspaceId(), widget.id())
                                .ifPresent(keyring -> page.add(WidgetDetails.of(widget, keyring)));
                    }
                    return new WidgetPage(page, Paging.sealKeyset(cursors, scope, slice.next()));
                }));
    }

    /** {@inheritDoc} Users owning conversations on the page are read once each: at most {@code limit} reads. */
    @Override
    public Result<InboxPage> listInbox(InboxQuery query) {
        CursorScope scope = new CursorScope(Paging.INBOX, query.workspaceId(), "", "owner=" + query.owner().wire());
        return Paging.pageSize(query.limit()).flatMap(limit ->
                Paging.openKeyset(cursors, scope, query.cursor()).map(after -> {
                    Slice<Conversation> slice = conversations.pageWorkspaceConversations(query.workspaceId(), query.owner(),
                            limit, after);
                    Map<UserId, Optional<User>> owningUsers = new HashMap<>();
                    List<InboxItem> items = new ArrayList<>();
                    for (Conversation c : slice.items()) {
                        items.add(new InboxItem(c, owner(query.workspaceId(), c.owner(), owningUsers)));
                    }
                    return new InboxPage(items, Paging.sealKeyset(cursors, scope, slice.next()));
                }));
    }

    private InboxOwner owner(WorkspaceId workspace, ConversationOwner owner, Map<UserId, Optional<User>> known) {
        if (owner instanceof ConversationOwner.AnonymousVisitor visitor) {
            return new InboxOwner("visitor", visitor.visitorId().value(), Optional.empty());
        }
        UserId id = ((ConversationOwner.LinkedUser) owner).userId();
        Optional<User> user = known.computeIfAbsent(id, u -> users.findUser(workspace, u));
        // A user erased between the page's read and this one: the page still names it by its internal id.
        return user.map(u -> new InboxOwner("user", u.externalId().value(), u.profile().name()))
                .orElseGet(() -> new InboxOwner("user", id.value(), Optional.empty()));
    }
}
