package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.EndSessionUseCase;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadSessionPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A widget's session, on its bearer token: authenticated, and ended (logout). A session sees the
 * conversations of its user when authenticated (from every device), else those of its anonymous
 * visitor ({@link #accessible}). Posting in them is {@link VisitorMessagesService}'s.
 */
public final class WidgetSessionService implements AuthenticateSessionUseCase, EndSessionUseCase {
    private final LoadSessionPort loadSessions;
    private final SaveSessionPort saveSessions;
    private final LoadWidgetPort widgets;
    private final LoadVisitorPort visitors;
    private final LoadUserPort users;
    private final LoadConversationPort conversations;
    private final TransactionPort transactions;
    private final Clock clock;
    private final AppendEventPort events;

    public WidgetSessionService(LoadSessionPort loadSessions, SaveSessionPort saveSessions, LoadWidgetPort widgets,
                                LoadVisitorPort visitors, LoadUserPort users, LoadConversationPort conversations,
                                TransactionPort transactions, Clock clock, AppendEventPort events) {
        this.loadSessions = Objects.requireNonNull(loadSessions, "loadSessions");
        this.saveSessions = Objects.requireNonNull(saveSessions, "saveSessions");
        this.widgets = Objects.requireNonNull(widgets, "widgets");
        this.visitors = Objects.requireNonNull(visitors, "visitors");
        this.users = Objects.requireNonNull(users, "users");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Result<SessionView> authenticateSession(String sessionToken) {
        return live(sessionToken, clock.instant());
    }

    /** The live session of {@code sessionToken} at {@code now}, or {@code unauthenticated}. */
    Result<SessionView> live(String sessionToken, Instant now) {
        Optional<WorkspaceId> workspace = Credentials.workspaceOf(sessionToken);
        if (workspace.isEmpty()) {
            return noSession();
        }
        Optional<Session> found = loadSessions.findSession(workspace.get(),
                new SessionTokenHash(Credentials.sha256Hex(sessionToken)));
        if (found.isEmpty() || !found.get().isActiveAt(now)) {
            return noSession();
        }
        Session session = found.get();
        Optional<Widget> widget = widgets.findWidget(session.widgetId())
                .filter(w -> w.workspaceId().equals(session.workspaceId()));
        Optional<Visitor> visitor = visitors.findVisitor(session.workspaceId(), session.visitorId());
        if (widget.isEmpty() || visitor.isEmpty()) {
            return noSession();
        }
        if (!session.isAuthenticated() && (widget.get().policy().requiresToken() || !visitor.get().isAnonymous())) {
            // A widget switched to required mode stops its anonymous sessions at once; an upgraded
            // visitor's anonymous sessions were revoked, and are refused here even if a revocation raced.
            return noSession();
        }
        Optional<User> user = Optional.empty();
        if (session.isAuthenticated()) {
            user = users.findUser(session.workspaceId(), session.userId().get());
            if (user.isEmpty() || !visitor.get().isLinkedTo(user.get().id())) {
                return noSession();
            }
        }
        return Result.ok(new SessionView(session, widget.get(), visitor.get(), user));
    }

    private static <T> Result<T> noSession() {
        return Refusals.unauthenticated("No live session for this token: it is unknown, expired or revoked. Start a new session.");
    }

    @Override
    public Result<SessionView> endSession(String sessionToken) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> live(sessionToken, now).map(view -> {
            Session revoked = view.session().revoke(now);
            saveSessions.saveSession(revoked);
            // Every tab using this session (they share its token) holds a stream of it: all of them end.
            events.append(new NewEvent(revoked.workspaceId(), EventType.SESSION_ENDED, now,
                    new EventAudience.OneSession(revoked.tokenHash()), EventData.builder().string("reason", "logout").build()));
            return new SessionView(revoked, view.widget(), view.visitor(), view.user());
        }));
    }

    /**
     * The conversation if the session may use it: {@code not_found} when the workspace has none with
     * this id, {@code forbidden} when it belongs to another visitor or user.
     */
    Result<Conversation> accessible(SessionView view, ConversationId conversationId) {
        Optional<Conversation> conversation = conversations
                .findConversation(view.session().workspaceId(), conversationId);
        if (conversation.isEmpty()) {
            return Result.refused(ConversationId.unknown());
        }
        if (!conversation.get().owner().admits(view.visitor())) {
            return Result.refused(ErrorCode.FORBIDDEN, "This conversation belongs to another visitor.");
        }
        return Result.ok(conversation.get());
    }
}
