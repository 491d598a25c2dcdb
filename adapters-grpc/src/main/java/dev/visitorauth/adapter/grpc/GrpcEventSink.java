package dev.visitorauth.adapter.grpc;

import com.google.protobuf.Timestamp;
import dev.visitorauth.adapter.grpc.v1.WatchWorkspaceResponse;
import dev.visitorauth.application.port.in.EventSink;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.event.WorkspaceEvent;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Objects;

/**
 * Writes a {@code WatchWorkspace} stream, honouring flow control: a send waits (at most
 * {@value #MAX_WAIT_MILLIS} ms) while the transport is not ready, so a client that stops reading is
 * disconnected (and resumes with its last id) instead of making the server buffer without bound.
 */
final class GrpcEventSink implements EventSink {
    static final long MAX_WAIT_MILLIS = 10_000;

    private final ServerCallStreamObserver<WatchWorkspaceResponse> call;
    private final Object ready = new Object();

    GrpcEventSink(ServerCallStreamObserver<WatchWorkspaceResponse> call) {
        this.call = Objects.requireNonNull(call, "call");
    }

    /** The call's ready and cancel handlers call this. */
    void wake() {
        synchronized (ready) {
            ready.notifyAll();
        }
    }

    @Override
    public void send(WorkspaceEvent event) throws Exception {
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        synchronized (ready) {
            while (!call.isReady() && !call.isCancelled()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IllegalStateException("the client reads too slowly");
                }
                ready.wait(Math.min(left, 1_000));
            }
        }
        if (call.isCancelled()) {
            throw new IllegalStateException("the call was cancelled");
        }
        call.onNext(WatchWorkspaceResponse.newBuilder().setId(event.id().wire()).setType(event.type().wireName())
                .setAt(Timestamp.newBuilder().setSeconds(event.at().getEpochSecond()).setNanos(event.at().getNano()))
                .setDataJson(event.data().json()).build());
    }

    @Override
    public void heartbeat() {
        // HTTP/2 keeps the connection alive; nothing to send.
    }

    @Override
    public void end(StreamEnd reason) {
        if (call.isCancelled()) {
            return;
        }
        try {
            call.onError(GrpcStatusMapper.refused(Refusal.of(ErrorCode.UNAVAILABLE, switch (reason) {
                case SHUTDOWN -> "This node is stopping; call again with after_event_id set to the last id received.";
                case TOO_SLOW -> "The stream was read too slowly; call again with after_event_id set to the last id received.";
                default -> "The stream ended; call again with after_event_id set to the last id received.";
            })));
        } catch (IllegalStateException alreadyClosed) {
            // the call ended meanwhile
        }
    }
}
