package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.event.WorkspaceEvent;

/**
 * Where a stream's events go (an SSE response, a gRPC call). The dispatcher calls one sink from one
 * thread at a time, in log order; a call may block briefly on the network. A sink that throws is
 * treated as a client that went away: the stream is closed.
 */
public interface EventSink {

    /** Sends one event of the log. */
    void send(WorkspaceEvent event) throws Exception;

    /** Sends a keep-alive (an SSE comment); no event. */
    void heartbeat() throws Exception;

    /**
     * The stream is over: the sink sends what {@code reason} needs (e.g. {@code session.ended} reason
     * {@code expired}) and closes the connection. Called once, last.
     */
    void end(StreamEnd reason);

    /** Why a stream ended. */
    enum StreamEnd {
        /** A {@code session.ended} event was sent; nothing more to send. */
        SESSION_ENDED,
        /** The session expired: send {@code session.ended} reason {@code expired}, then close. */
        SESSION_EXPIRED,
        /** The client read too slowly and its buffer filled: close; it resumes with its last event id. */
        TOO_SLOW,
        /** The client went away, or the caller cancelled. */
        CANCELLED,
        /** This node is shutting down: close; the client reconnects (to any node) with its last event id. */
        SHUTDOWN
    }
}
