package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.event.NewEvent;

/**
 * Writes events to the workspace event log (spec sections 10 and 11): the one source of the widget
 * streams, the admin stream, gRPC {@code WatchWorkspace} and webhooks.
 *
 * <p>Called inside the use case's transaction ({@link TransactionPort#inTransaction}), so an event
 * exists exactly when the change it records committed: never for a change that rolled back, never
 * lost for one that committed. Readers are woken only after that commit.
 */
public interface AppendEventPort {

    /** Appends {@code event}; it becomes visible to readers when the caller's transaction commits. */
    void append(NewEvent event);
}
