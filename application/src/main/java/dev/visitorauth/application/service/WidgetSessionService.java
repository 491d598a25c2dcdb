package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.ConversationThread;
import dev.visitorauth.application.port.in.EndSessionUseCase;
import dev.visitorauth.application.port.in.PostMessageUseCase;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartConversationUseCase;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadSessionPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The widget-facing use cases that run on a session's bearer token: the session itself, logout,
 * and the session's conversations. A session sees the conversations of its user when
 * authenticated (from every device), else those of its anonymous visitor.
 */
public final class WidgetSessionService implements AuthenticateSessionUseCase, EndSessionUseCase,
        StartConversationUseCase, PostMessageUseCase {

    /** The ports these use cases need. */
    public record Deps(LoadSessionPort loadSessions, SaveSessionPort saveSessions, LoadWidgetPort widgets,
                       LoadVisitorPort visitors, LoadUserPort users, LoadConversationPort loadConversations,
                       SaveConversationPort saveConversations, TransactionPort transactions, RandomPort random,
                       Clock clock, RateLimitPort requestLimits, AppendEventPort events) {
        public Deps {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(loadSessions, "loadSessions");
            Objects.requireNonNull(saveSessions, "saveSessions");
            Objects.requireNonNull(widgets, "widgets");
            Objects.requireNonNull(visitors, "visitors");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(loadConversations, "loadConversations");
            Objects.requireNonNull(saveConversations, "saveConversations");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(requestLimits, "requestLimits");
            Objects.requireNonNull(events, "events");
        }
    }

    private final Deps deps;
    private final Credentials credentials;

    public WidgetSessionService(Deps deps) {
        this.deps = Objects.requireNonNull(deps, "deps");
        this.credentials = new Credentials(deps.random());
    }

    @Override
    public Result<SessionView> authenticateSession(String sessionToken) {
        return live(sessionToken, deps.clock().instant());
    }

    private Result<SessionView> live(String sessionToken, Instant now) {
        Optional<WorkspaceId> workspace = Credentials.workspaceOf(sessionToken);
        if (workspace.isEmpty()) {
            return noSession();
        }
        Optional<Session> found = deps.loadSessions().findSession(workspace.get(),
                new SessionTokenHash(Credentials.sha256Hex(sessionToken)));
        if (found.isEmpty() || !found.get().isActiveAt(now)) {
            return noSession();
        }
        Session session = found.get();
        Optional<Widget> widget = deps.widgets().findWidget(session.widgetId())
                .filter(w -> w.workspaceId().equals(session.workspaceId()));
        Optional<Visitor> visitor = deps.visitors().findVisitor(session.workspaceId(), session.visitorId());
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
            user = deps.users().findUser(session.workspaceId(), session.userId().get());
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
        Instant now = deps.clock().instant();
        return deps.transactions().inTransaction(() -> live(sessionToken, now).map(view -> {
            Session revoked = view.session().revoke(now);
            deps.saveSessions().saveSession(revoked);
            // Every tab using this session (they share its token) holds a stream of it: all of them end.
            deps.events().append(new NewEvent(revoked.workspaceId(), EventType.SESSION_ENDED, now,
                    new EventAudience.OneSession(revoked.tokenHash()), EventData.builder().string("reason", "logout").build()));
            return new SessionView(revoked, view.widget(), view.visitor(), view.user());
        }));
    }

    @Override
    public Result<ConversationThread> startConversation(StartConversationCommand command) {
        Instant now = deps.clock().instant();
        if (!MessageText.isValid(command.text())) {
            return invalidText();
        }
        return deps.transactions().inTransaction(() -> live(command.sessionToken(), now).flatMap(view -> {
            // Counted inside the transaction: a refusal (or a failure) rolls the counts back too.
            Optional<Refusal> limited = conversationLimited(view, now).or(() -> messageLimited(view, now));
            if (limited.isPresent()) {
                return Result.<ConversationThread>refused(limited.get());
            }
            WorkspaceId ws = view.session().workspaceId();
            Conversation conversation = Conversation.start(ws, new ConversationId(credentials.id("c_", 16)),
                    ConversationOwner.of(view.visitor()), now);
            Message first = visitorMessage(conversation.id(), command.text(), view, now);
            deps.saveConversations().saveConversation(conversation);
            deps.saveConversations().appendMessage(ws, first);
            Conversation withFirst = conversation.with(first);
            deps.events().append(WorkspaceEvents.conversationCreated(withFirst));
            deps.events().append(WorkspaceEvents.messageCreated(ws, withFirst.owner(), first));
            return Result.ok(new ConversationThread(withFirst, List.of(first)));
        }));
    }

    @Override
    public Result<Message> postMessage(PostMessageCommand command) {
        Instant now = deps.clock().instant();
        if (!MessageText.isValid(command.text())) {
            return invalidText();
        }
        return deps.transactions().inTransaction(() -> live(command.sessionToken(), now).flatMap(view ->
                accessible(view, command.conversationId()).flatMap(conversation -> {
                    Optional<Refusal> limited = messageLimited(view, now);
                    if (limited.isPresent()) {
                        return Result.<Message>refused(limited.get());
                    }
                    Message message = visitorMessage(conversation.id(), command.text(), view, now);
                    deps.saveConversations().appendMessage(conversation.workspaceId(), message);
                    deps.events().append(WorkspaceEvents.messageCreated(conversation.workspaceId(), conversation.owner(),
                            message));
                    return Result.ok(message);
                })));
    }

    /** Conversations started, per visitor, or per user when authenticated (the owner of what it starts). */
    private Optional<Refusal> conversationLimited(SessionView view, Instant now) {
        ConversationOwner of = ConversationOwner.of(view.visitor());
        String owner = of instanceof ConversationOwner.LinkedUser u ? "user:" + u.userId().value()
                : "visitor:" + ((ConversationOwner.AnonymousVisitor) of).visitorId().value();
        return deps.requestLimits().acquire(RateLimitPort.Limit.CONVERSATIONS,
                        view.session().workspaceId().value() + "\n" + owner, now)
                .map(wait -> Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                        "Too many conversations started by this visitor; continue an existing one, or retry after"
                                + " Retry-After seconds."));
    }

    /** Messages a visitor posts, per session (agents' replies are not counted). */
    private Optional<Refusal> messageLimited(SessionView view, Instant now) {
        return deps.requestLimits().acquire(RateLimitPort.Limit.MESSAGES,
                        view.session().workspaceId().value() + "\n" + view.session().tokenHash().value(), now)
                .map(wait -> Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                        "Too many messages in this session; retry after Retry-After seconds."));
    }

    private Message visitorMessage(ConversationId conversation, String text, SessionView view, Instant now) {
        return new Message(new MessageId(credentials.id("m_", 16)), conversation, Author.VISITOR, new MessageText(text),
                view.authenticated(), now);
    }

    /**
     * The conversation if the session may use it: {@code not_found} when the workspace has none with
     * this id, {@code forbidden} when it belongs to another visitor or user.
     */
    Result<Conversation> accessible(SessionView view, ConversationId conversationId) {
        Optional<Conversation> conversation = deps.loadConversations()
                .findConversation(view.session().workspaceId(), conversationId);
        if (conversation.isEmpty()) {
            return Result.refused(ConversationId.unknown());
        }
        if (!conversation.get().owner().admits(view.visitor())) {
            return Result.refused(ErrorCode.FORBIDDEN, "This conversation belongs to another visitor.");
        }
        return Result.ok(conversation.get());
    }

    static <T> Result<T> invalidText() {
        return Refusals.invalid(InputField.TEXT, "must be 1 to " + MessageText.MAX_LENGTH + " code points and not blank.");
    }
}
