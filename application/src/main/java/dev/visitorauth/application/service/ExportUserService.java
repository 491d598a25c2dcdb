package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.PageMessagesPort.MessageSlice;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.application.port.out.Slice;
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
 * A user's export (GDPR articles 15 and 20): the visitors, the conversations and each one's
 * messages, read page by page, by keyset, and stopped when the user is erased meanwhile.
 */
public final class ExportUserService implements ExportUserUseCase {
    /** Rows read per page while exporting. */
    static final int EXPORT_PAGE = 100;

    private final LoadUserPort users;
    private final PageVisitorsPort visitors;
    private final PageConversationsPort conversations;
    private final PageMessagesPort messages;

    public ExportUserService(LoadUserPort users, PageVisitorsPort visitors, PageConversationsPort conversations,
                             PageMessagesPort messages) {
        this.users = Objects.requireNonNull(users, "users");
        this.visitors = Objects.requireNonNull(visitors, "visitors");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public Result<UserExport> exportUser(WorkspaceId workspaceId, ExternalUserId externalId) {
        return UserLookup.find(users, workspaceId, externalId).map(user -> new Export(user));
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
            long visitorCount = 0;
            Optional<Keyset> after = Optional.empty();
            do {
                if (!stillThere()) {
                    return erasedMeanwhile();
                }
                Slice<Visitor> page = visitors.pageVisitorsOf(ws, user.id(), ListOrder.CREATED_FIRST, EXPORT_PAGE, after);
                if (!page.items().isEmpty()) {
                    sink.visitors(page.items());
                }
                visitorCount += page.items().size();
                after = page.next();
            } while (after.isPresent());
            long conversationCount = 0;
            long messageCount = 0;
            ConversationOwner owner = new ConversationOwner.LinkedUser(user.id());
            after = Optional.empty();
            do {
                if (!stillThere()) {
                    return erasedMeanwhile();
                }
                Slice<Conversation> page = conversations.pageConversationsOf(ws, owner, ListOrder.CREATED_FIRST,
                        EXPORT_PAGE, after);
                for (Conversation conversation : page.items()) {
                    sink.conversation(conversation);
                    conversationCount++;
                    MessageSlice slice = messages.firstMessages(ws, conversation.id(), EXPORT_PAGE);
                    while (true) {
                        if (!slice.messages().isEmpty()) {
                            sink.messages(slice.messages());
                            messageCount += slice.messages().size();
                        }
                        if (!slice.hasMore() || slice.messages().isEmpty()) {
                            break;
                        }
                        if (!stillThere()) {
                            return erasedMeanwhile();
                        }
                        Message last = slice.messages().get(slice.messages().size() - 1);
                        Optional<MessageSlice> next = messages.messagesAfter(ws, conversation.id(), last.id(), EXPORT_PAGE);
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
            return Result.ok(new ExportSummary(visitorCount, conversationCount, messageCount));
        }

        /** True while the same user (not one created again under its external id) exists. */
        private boolean stillThere() {
            return users.findUser(user.workspaceId(), user.id()).isPresent();
        }
    }

    private static <T> Result<T> erasedMeanwhile() {
        return Refusals.notFound("The user was erased while the export ran; the export is incomplete.");
    }
}
