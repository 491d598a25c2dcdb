package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Wake-up calls for this node's event readers: "a workspace's log grew" after an append commits
 * (on this node, or on another node through the database), and "something may have been missed"
 * after the signal channel itself was interrupted (e.g. a database restart), so readers re-read.
 * A signal carries no event: readers always read the log ({@link ReadEventsPort}). Signals may be
 * duplicated or coalesced; only their absence after a commit would be a fault.
 */
public interface EventSignalsPort {

    /** Registers {@code listener} for every later signal. Listeners must return quickly. */
    void subscribe(Listener listener);

    /** Receives the signals; called on the signalling thread. */
    interface Listener {
        /** Events of {@code workspaceId} committed since the last read may exist. */
        void appended(WorkspaceId workspaceId);

        /** Signals may have been lost: every workspace may have new events. */
        void mayHaveMissedSignals();
    }
}
