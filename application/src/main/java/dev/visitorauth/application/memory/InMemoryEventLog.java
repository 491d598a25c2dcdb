package dev.visitorauth.application.memory;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.event.WorkspaceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The workspace event log in memory, for tests and single-process hosts: positions in append order,
 * and an append undone when its transaction ({@link InMemoryTransactions}) rolls back.
 */
public final class InMemoryEventLog implements AppendEventPort {
    private final InMemoryTransactions transactions;
    private final List<WorkspaceEvent> events = new ArrayList<>();
    private long lastPosition;

    public InMemoryEventLog(InMemoryTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public void append(NewEvent event) {
        Objects.requireNonNull(event, "event");
        transactions.locked(() -> {
            WorkspaceEvent stored = new WorkspaceEvent(new EventId(++lastPosition), event.workspaceId(), event.type(),
                    event.at(), event.audience(), event.data());
            events.add(stored);
            transactions.onRollback(() -> events.remove(stored));
            return stored;
        });
    }

    /** Every event appended and not rolled back, oldest first. */
    public List<WorkspaceEvent> events() {
        return transactions.locked(() -> List.copyOf(events));
    }
}
