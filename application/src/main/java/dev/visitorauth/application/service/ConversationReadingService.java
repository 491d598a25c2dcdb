package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.ConversationPage;
import dev.visitorauth.application.port.in.ListConversationsUseCase;
import dev.visitorauth.application.port.in.ListMessagesUseCase;
import dev.visitorauth.application.port.in.MessagePage;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/**
 * The widget's reads of conversations and messages, a page at a time, on a live session (checked
 * by {@link WidgetSessionService}, which also decides which conversations a session may read).
 */
public final class ConversationReadingService implements ListConversationsUseCase, ListMessagesUseCase {
    private final WidgetSessionService sessions;
    private final PageConversationsPort conversations;
    private final PageMessagesPort messages;
    private final CursorCodecPort cursors;

    public ConversationReadingService(WidgetSessionService sessions, PageConversationsPort conversations,
                                      PageMessagesPort messages, CursorCodecPort cursors) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    @Override
    public Result<ConversationPage> listConversations(ListConversationsQuery query) {
        AuthenticateSessionUseCase auth = sessions;
        return auth.authenticateSession(query.sessionToken()).flatMap(view -> {
            ConversationOwner owner = ConversationOwner.of(view.visitor());
            CursorScope scope = new CursorScope(Paging.SESSION_CONVERSATIONS, view.session().workspaceId(),
                    Paging.ownerKey(owner), "");
            return Paging.pageSize(query.limit()).flatMap(limit ->
                    Paging.openKeyset(cursors, scope, query.cursor()).map(after -> {
                        Slice<Conversation> slice = conversations.pageConversationsOf(view.session().workspaceId(), owner,
                                ListOrder.RECENT_FIRST, limit, after);
                        return new ConversationPage(slice.items(), Paging.sealKeyset(cursors, scope, slice.next()));
                    }));
        });
    }

    @Override
    public Result<MessagePage> listMessages(ListMessagesQuery query) {
        return sessions.authenticateSession(query.sessionToken())
                .flatMap(view -> sessions.accessible(view, query.conversationId()))
                .flatMap(c -> Paging.messages(messages, c.workspaceId(), c.id(), query.window()));
    }
}
