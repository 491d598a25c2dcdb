package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.EventSignalsPort;
import dev.visitorauth.application.port.out.ReadEventsPort;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The workspace event log in memory, for tests and single-process hosts. Like the JDBC log, positions
 * are per workspace and gap-free: an append undone by its transaction's rollback
 * ({@link InMemoryTransactions}) gives its position back. Listeners are signalled after the commit.
 */
public final class InMemoryEventLog implements AppendEventPort, ReadEventsPort, EventSignalsPort {
    private final InMemoryTransactions transactions;
    private final Map<WorkspaceId, Log> logs = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private static final class Log {
        final Deque<WorkspaceEvent> events = new ArrayDeque<>();
        long head;
    }

    public InMemoryEventLog(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public void append(NewEvent event) {
        Objects.requireNonNull(event, "event");
        transactions.locked(() -> {
            Log log = logs.computeIfAbsent(event.workspaceId(), ws -> new Log());
            WorkspaceEvent stored = new WorkspaceEvent(new EventId(++log.head), event.workspaceId(), event.type(),
                    event.at(), event.audience(), event.data());
            log.events.addLast(stored);
            transactions.onRollback(() -> {
                log.events.removeLastOccurrence(stored);
                log.head--;
            });
            transactions.afterCommit(() -> listeners.forEach(l -> l.appended(event.workspaceId())));
            return stored;
        });
    }

    @Override
    public List<WorkspaceEvent> eventsAfter(WorkspaceId workspaceId, Optional<EventId> after, int limit) {
        long from = ReadEventsPort.checkedPositionAfter(workspaceId, after, limit);
        return transactions.locked(() -> {
            Log log = logs.get(workspaceId);
            List<WorkspaceEvent> page = new ArrayList<>();
            if (log == null) {
                return page;
            }
            for (WorkspaceEvent e : log.events) {
                if (e.id().position() > from) {
                    page.add(e);
                    if (page.size() == limit) {
                        break;
                    }
                }
            }
            return page;
        });
    }

    @Override
    public Optional<EventId> newest(WorkspaceId workspaceId) {
        return transactions.locked(() -> {
            Log log = logs.get(workspaceId);
            return log == null || log.head == 0 ? Optional.<EventId>empty() : Optional.of(new EventId(log.head));
        });
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Deletes up to {@code batchSize} events older than {@code cutoff}; returns how many. */
    public int deleteEventsBefore(Instant cutoff, int batchSize) {
        return transactions.locked(() -> {
            int deleted = 0;
            for (Log log : logs.values()) {
                while (deleted < batchSize && !log.events.isEmpty() && log.events.peekFirst().at().isBefore(cutoff)) {
                    log.events.removeFirst();
                    deleted++;
                }
            }
            return deleted;
        });
    }

    /** Every event appended and not rolled back nor deleted, per workspace in order. */
    public List<WorkspaceEvent> events() {
        return transactions.locked(() -> logs.values().stream().flatMap(l -> l.events.stream()).toList());
    }
}
