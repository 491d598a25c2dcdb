package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.in.ConversationPage;
import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import dev.visitorauth.application.port.in.UserDetails;
import dev.visitorauth.application.port.in.UserListQuery;
import dev.visitorauth.application.port.in.VisitorPage;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.EraseUserPort;
import dev.visitorauth.application.port.out.EraseUserPort.Erased;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.PageMessagesPort.MessageSlice;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's data as a whole: the capped look-up and its full sub-lists, erasure (GDPR article 17)
 * and export (articles 15 and 20). Lists and exports read page by page, by keyset.
 */
public final class UserDataService implements ListUserVisitorsUseCase, ListUserConversationsUseCase, EraseUserUseCase,
        ExportUserUseCase {
    /** Rows read per page while exporting. */
    static final int EXPORT_PAGE = 100;

    /** The ports this service needs. */
    public record Deps(LoadUserPort users, PageVisitorsPort visitors, PageConversationsPort conversations,
                       PageMessagesPort messages, EraseUserPort erase, CursorCodecPort cursors, TransactionPort transactions,
                       AppendEventPort events, java.time.Clock clock) {
        public Deps {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(visitors, "visitors");
            Objects.requireNonNull(conversations, "conversations");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(erase, "erase");
            Objects.requireNonNull(cursors, "cursors");
            Objects.requireNonNull(transactions, "transactions");
        }
    }

    private final Deps deps;

    public UserDataService(Deps deps) {
        this.deps = Objects.requireNonNull(deps, "deps");
    }

    /** The user with this external id, or {@code not_found}. */
    Result<User> find(WorkspaceId workspaceId, ExternalUserId externalId) {
        return deps.users().findUserByExternalId(workspaceId, externalId)
                .<Result<User>>map(Result::ok).orElseGet(UserDataService::noSuchUser);
    }

    /** The capped look-up of {@code user}. */
    UserDetails details(User user) {
        WorkspaceId ws = user.workspaceId();
        ConversationOwner owner = new ConversationOwner.LinkedUser(user.id());
        return new UserDetails(user,
                deps.visitors().pageVisitorsOf(ws, user.id(), ListOrder.RECENT_FIRST, Paging.USER_DETAILS_CAP, Optional.empty()).items(),
                deps.conversations().pageConversationsOf(ws, owner, ListOrder.RECENT_FIRST, Paging.USER_DETAILS_CAP,
                        Optional.empty()).items(),
                deps.visitors().countVisitorsOf(ws, user.id()), deps.conversations().countConversationsOf(ws, owner));
    }

    @Override
    public Result<VisitorPage> listUserVisitors(UserListQuery query) {
        return Paging.pageSize(query.limit()).flatMap(limit ->
                find(query.workspaceId(), query.externalId()).flatMap(user -> {
                    CursorScope scope = new CursorScope(Paging.USER_VISITORS, query.workspaceId(), "user:" + user.id().value(), "");
                    return Paging.openKeyset(deps.cursors(), scope, query.cursor()).map(after -> {
                        Slice<Visitor> slice = deps.visitors().pageVisitorsOf(query.workspaceId(), user.id(),
                                ListOrder.RECENT_FIRST, limit, after);
                        return new VisitorPage(slice.items(), Paging.sealKeyset(deps.cursors(), scope, slice.next()));
                    });
                }));
    }

    @Override
    public Result<ConversationPage> listUserConversations(UserListQuery query) {
        return Paging.pageSize(query.limit()).flatMap(limit ->
                find(query.workspaceId(), query.externalId()).flatMap(user -> {
                    ConversationOwner owner = new ConversationOwner.LinkedUser(user.id());
                    CursorScope scope = new CursorScope(Paging.USER_CONVERSATIONS, query.workspaceId(), Paging.ownerKey(owner), "");
                    return Paging.openKeyset(deps.cursors(), scope, query.cursor()).map(after -> {
                        Slice<Conversation> slice = deps.conversations().pageConversationsOf(query.workspaceId(), owner,
                                ListOrder.RECENT_FIRST, limit, after);
                        return new ConversationPage(slice.items(), Paging.sealKeyset(deps.cursors(), scope, slice.next()));
                    });
                }));
    }

    /**
     * Locks the user first (as a start-up for the user does), so an erasure and a concurrent
     * start-up for the same user apply one after the other: the start-up either ran before and is
     * erased with the rest, or runs after and creates a new user.
     */
    @Override
    public Result<Erased> eraseUser(WorkspaceId workspaceId, ExternalUserId externalId) {
        return deps.transactions().inTransaction(() -> deps.users()
                .lockUserByExternalId(workspaceId, externalId)
                .<Result<Erased>>map(user -> {
                    Erased erased = deps.erase().eraseUser(workspaceId, user.id());
                    deps.events().append(WorkspaceEvents.userErased(workspaceId, user, deps.clock().instant()));
                    return Result.ok(erased);
                })
                .orElseGet(UserDataService::noSuchUser));
    }

    @Override
    public Result<UserExport> exportUser(WorkspaceId workspaceId, ExternalUserId externalId) {
        return find(workspaceId, externalId).map(user -> new Export(user));
    }

    private final class Export implements UserExport {
        private final User user;

        Export(User user) {
            this.user = user;
        }

        @Override
        public User user() {
            return user;
        }

        @Override
        public Result<ExportSummary> writeTo(ExportSink sink) {
            WorkspaceId ws = user.workspaceId();
            sink.user(user);
            long visitors = 0;
            Optional<Keyset> after = Optional.empty();
            do {
                if (!stillThere()) {
                    return erasedMeanwhile();
                }
                Slice<Visitor> page = deps.visitors().pageVisitorsOf(ws, user.id(), ListOrder.CREATED_FIRST, EXPORT_PAGE, after);
                if (!page.items().isEmpty()) {
                    sink.visitors(page.items());
                }
                visitors += page.items().size();
                after = page.next();
            } while (after.isPresent());
            long conversations = 0;
            long messages = 0;
            ConversationOwner owner = new ConversationOwner.LinkedUser(user.id());
            after = Optional.empty();
            do {
                if (!stillThere()) {
                    return erasedMeanwhile();
                }
                Slice<Conversation> page = deps.conversations().pageConversationsOf(ws, owner, ListOrder.CREATED_FIRST,
                        EXPORT_PAGE, after);
                for (Conversation conversation : page.items()) {
                    sink.conversation(conversation);
                    conversations++;
                    MessageSlice slice = deps.messages().firstMessages(ws, conversation.id(), EXPORT_PAGE);
                    while (true) {
                        if (!slice.messages().isEmpty()) {
                            sink.messages(slice.messages());
                            messages += slice.messages().size();
                        }
                        if (!slice.hasMore() || slice.messages().isEmpty()) {
                            break;
                        }
                        if (!stillThere()) {
                            return erasedMeanwhile();
                        }
                        Message last = slice.messages().get(slice.messages().size() - 1);
                        Optional<MessageSlice> next = deps.messages().messagesAfter(ws, conversation.id(), last.id(), EXPORT_PAGE);
                        if (next.isEmpty()) {
                            return erasedMeanwhile();
                        }
                        slice = next.get();
                    }
                }
                after = page.next();
            } while (after.isPresent());
            if (!stillThere()) {
                return erasedMeanwhile();
            }
            sink.end();
            return Result.ok(new ExportSummary(visitors, conversations, messages));
        }

        /** True while the same user (not one created again under its external id) exists. */
        private boolean stillThere() {
            return deps.users().findUser(user.workspaceId(), user.id()).isPresent();
        }
    }

    private static <T> Result<T> erasedMeanwhile() {
        return Refusals.notFound("The user was erased while the export ran; the export is incomplete.");
    }

    static <T> Result<T> noSuchUser() {
        return Result.refused(ExternalUserId.unknown());
    }
}
