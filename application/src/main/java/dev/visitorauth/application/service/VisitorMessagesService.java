package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.ConversationThread;
import dev.visitorauth.application.port.in.PostMessageUseCase;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartConversationUseCase;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.Author;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.MessageText;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A visitor's posts from the widget: a new conversation with its first message, and a message in a
 * conversation the session may use. The session and the conversation are checked by
 * {@link WidgetSessionService}; posts are rate-limited per owner and per session.
 */
public final class VisitorMessagesService implements StartConversationUseCase, PostMessageUseCase {
    private final WidgetSessionService sessions;
    private final SaveConversationPort conversations;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;
    private final RateLimitPort requestLimits;
    private final AppendEventPort events;

    public VisitorMessagesService(WidgetSessionService sessions, SaveConversationPort conversations,
                                  TransactionPort transactions, RandomPort random, Clock clock, RateLimitPort requestLimits,
                                  AppendEventPort events) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Result<ConversationThread> startConversation(StartConversationCommand command) {
        Instant now = clock.instant();
        if (MessageText.parse(command.text()) instanceof Result.Refused<MessageText> badText) {
            return Result.refused(badText.refusal());
        }
        return transactions.inTransaction(() -> sessions.live(command.sessionToken(), now).flatMap(view -> {
            // Counted inside the transaction: a refusal (or a failure) rolls the counts back too.
            Optional<Refusal> limited = conversationLimited(view, now).or(() -> messageLimited(view, now));
            if (limited.isPresent()) {
                return Result.<ConversationThread>refused(limited.get());
            }
            WorkspaceId ws = view.session().workspaceId();
            Conversation conversation = Conversation.start(ws, new ConversationId(credentials.id("c_", 16)),
                    ConversationOwner.of(view.visitor()), now);
            Message first = visitorMessage(conversation.id(), command.text(), view, now);
            conversations.saveConversation(conversation);
            conversations.appendMessage(ws, first);
            Conversation withFirst = conversation.with(first);
            events.append(WorkspaceEvents.conversationCreated(withFirst));
            events.append(WorkspaceEvents.messageCreated(ws, withFirst.owner(), first));
            return Result.ok(new ConversationThread(withFirst, List.of(first)));
        }));
    }

    @Override
    public Result<Message> postMessage(PostMessageCommand command) {
        Instant now = clock.instant();
        if (MessageText.parse(command.text()) instanceof Result.Refused<MessageText> badText) {
            return Result.refused(badText.refusal());
        }
        return transactions.inTransaction(() -> sessions.live(command.sessionToken(), now).flatMap(view ->
                sessions.accessible(view, command.conversationId()).flatMap(conversation -> {
                    Optional<Refusal> limited = messageLimited(view, now);
                    if (limited.isPresent()) {
                        return Result.<Message>refused(limited.get());
                    }
                    Message message = visitorMessage(conversation.id(), command.text(), view, now);
                    conversations.appendMessage(conversation.workspaceId(), message);
                    events.append(WorkspaceEvents.messageCreated(conversation.workspaceId(), conversation.owner(),
                            message));
                    return Result.ok(message);
                })));
    }

    /** Conversations started, per visitor, or per user when authenticated (the owner of what it starts). */
    private Optional<Refusal> conversationLimited(SessionView view, Instant now) {
        ConversationOwner of = ConversationOwner.of(view.visitor());
        String owner = of instanceof ConversationOwner.LinkedUser u ? "user:" + u.userId().value()
                : "visitor:" + ((ConversationOwner.AnonymousVisitor) of).visitorId().value();
        return requestLimits.acquire(RateLimitPort.Limit.CONVERSATIONS,
                        view.session().workspaceId().value() + "\n" + owner, now)
                .map(wait -> Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                        "Too many conversations started by this visitor; continue an existing one, or retry after"
                                + " Retry-After seconds."));
    }

    /** Messages a visitor posts, per session (agents' replies are not counted). */
    private Optional<Refusal> messageLimited(SessionView view, Instant now) {
        return requestLimits.acquire(RateLimitPort.Limit.MESSAGES,
                        view.session().workspaceId().value() + "\n" + view.session().tokenHash().value(), now)
                .map(wait -> Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                        "Too many messages in this session; retry after Retry-After seconds."));
    }

    private Message visitorMessage(ConversationId conversation, String text, SessionView view, Instant now) {
        return new Message(new MessageId(credentials.id("m_", 16)), conversation, Author.VISITOR, new MessageText(text),
                view.authenticated(), now);
    }
}
