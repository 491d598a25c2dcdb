package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.MarkConversationReadUseCase;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.conversation.ReadMarker;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Read state per owner: the conversation's read marker, moved by the widget on any device of the
 * owner. The session and the conversation are checked by {@link WidgetSessionService}.
 */
public final class ReadStateService implements MarkConversationReadUseCase {
    private final WidgetSessionService sessions;
    private final LoadConversationPort loadConversations;
    private final SaveConversationPort saveConversations;
    private final AppendEventPort events;
    private final TransactionPort transactions;
    private final Clock clock;

    public ReadStateService(WidgetSessionService sessions, LoadConversationPort loadConversations,
                            SaveConversationPort saveConversations, AppendEventPort events, TransactionPort transactions,
                            Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.loadConversations = Objects.requireNonNull(loadConversations, "loadConversations");
        this.saveConversations = Objects.requireNonNull(saveConversations, "saveConversations");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<Conversation> markRead(MarkReadCommand command) {
        return transactions.inTransaction(() -> sessions.authenticateSession(command.sessionToken())
                .flatMap(view -> sessions.accessible(view, command.conversationId()))
                .flatMap(conversation -> {
                    Optional<ReadMarker> marker = loadConversations.lockReadMarkerAt(conversation.workspaceId(),
                            conversation.id(), command.messageId());
                    if (marker.isEmpty()) {
                        return noSuchMessage();
                    }
                    // Read again under the lock: a concurrent call may have moved the marker meanwhile.
                    Conversation current = loadConversations.findConversation(conversation.workspaceId(), conversation.id())
                            .orElseThrow(() -> new IllegalStateException("a locked conversation vanished"));
                    Optional<Conversation> moved = current.readUpTo(marker.get());
                    if (moved.isEmpty()) {
                        return Result.ok(current);
                    }
                    saveConversations.saveReadMarker(current.workspaceId(), current.id(), marker.get());
                    events.append(new NewEvent(current.workspaceId(), EventType.CONVERSATION_READ, clock.instant(),
                            EventAudience.of(current.owner()), EventData.builder()
                            .string("conversationId", current.id().value())
                            .string("messageId", marker.get().messageId().value()).build()));
                    return Result.ok(moved.get());
                }));
    }

    private static <T> Result<T> noSuchMessage() {
        return Result.refused(MessageId.unknown());
    }
}
