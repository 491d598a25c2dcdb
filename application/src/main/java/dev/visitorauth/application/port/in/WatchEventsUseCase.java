package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams of the workspace event log (spec sections 10, 11 and 14): a widget session's events
 * ({@code GET /v1/stream}) or a workspace's section 11 events ({@code GET /v1/admin/stream}, gRPC
 * {@code WatchWorkspace}), from after a given event id (a reconnect's {@code Last-Event-ID}; events
 * are kept 24 hours), then live, in log order, until the session ends or the caller cancels.
 */
public interface WatchEventsUseCase {

    /**
     * Opens a stream; the events go to {@code sink} from other threads.
     *
     * @return the open stream, or {@code unauthenticated} (no live session), {@code rate_limited} (too
     *         many open streams for the session or workspace) or {@code unavailable} (this node's cap)
     */
    Result<OpenStream> watch(WatchQuery query, EventSink sink);

    /**
     * @param subject what is streamed: a session's events or a workspace's
     * @param after   the last event id the client has ({@code EventId.parse} reads the wire form); empty: live from now
     */
    record WatchQuery(Subject subject, Optional<EventId> after) {
        public WatchQuery {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(after, "after");
        }
    }

    /** Whose events. */
    sealed interface Subject {
        /** The session of this bearer token: the session kinds whose audience reaches it. */
        record Session(String sessionToken) implements Subject {
            public Session {
                Objects.requireNonNull(sessionToken, "sessionToken");
            }
        }

        /** An authenticated workspace: its section 11 kinds. */
        record Workspace(WorkspaceId workspaceId) implements Subject {
            public Workspace {
                Objects.requireNonNull(workspaceId, "workspaceId");
            }
        }
    }

    /** An open stream. */
    interface OpenStream {
        /** The workspace it reads (for the caller's checks, e.g. the session's widget's origins). */
        WorkspaceId workspaceId();

        /** The session streamed, when the subject is a session. */
        Optional<SessionView> session();

        /** Closes the stream (the client went away); {@link EventSink#end} follows with {@code CANCELLED}. */
        void cancel();
    }
}
