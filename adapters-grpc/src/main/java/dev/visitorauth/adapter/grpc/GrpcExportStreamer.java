package dev.visitorauth.adapter.grpc;

import dev.visitorauth.adapter.grpc.v1.ExportUserResponse;
import dev.visitorauth.application.port.in.ExportUserUseCase.ExportSink;
import dev.visitorauth.application.port.in.ExportUserUseCase.ExportSummary;
import dev.visitorauth.application.port.in.ExportUserUseCase.UserExport;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Writes a user export to a server stream, honouring gRPC flow control: the export runs on one of
 * {@value #THREADS} export threads (never on the call's own executor, which delivers the
 * "ready" signal) and waits while the transport is not ready, so a slow client never makes the
 * server buffer the export. A cancelled call stops the export at the next item.
 */
final class GrpcExportStreamer {
    static final int THREADS = 4;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService EXPORTS = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "grpc-export-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Thrown inside the export to stop it when the call is gone. */
    private static final class CallGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallGone() {
            super("the call was cancelled", null, false, false);
        }
    }

    private final ServerCallStreamObserver<ExportUserResponse> call;
    private final Object ready = new Object();

    private GrpcExportStreamer(ServerCallStreamObserver<ExportUserResponse> call) {
        this.call = call;
    }

    /** Must be called from the call's handler (it registers the call's ready and cancel handlers). */
    static void start(ServerCallStreamObserver<ExportUserResponse> call, Supplier<Result<UserExport>> find, String method) {
        GrpcExportStreamer streamer = new GrpcExportStreamer(call);
        call.setOnReadyHandler(streamer::wake);
        call.setOnCancelHandler(streamer::wake);
        EXPORTS.execute(Context.current().wrap(() -> streamer.run(find, method)));
    }

    private void wake() {
        synchronized (ready) {
            ready.notifyAll();
        }
    }

    private void run(Supplier<Result<UserExport>> find, String method) {
        try {
            Result<UserExport> found = find.get();
            if (found instanceof Result.Refused<UserExport> refused) {
                call.onError(GrpcStatusMapper.refused(refused.refusal()));
                return;
            }
            Result<ExportSummary> written = found.orElseThrow().writeTo(new Sink());
            if (written instanceof Result.Refused<ExportSummary> refused) {
                call.onError(GrpcStatusMapper.refused(refused.refusal()));
                return;
            }
            call.onCompleted();
        } catch (CallGone gone) {
            // nothing to send to
        } catch (RuntimeException e) {
            if (!call.isCancelled()) {
                call.onError(GrpcStatusMapper.failure(e, method));
            }
        }
    }

    private void send(ExportUserResponse item) {
        synchronized (ready) {
            while (!call.isReady() && !call.isCancelled()) {
                try {
                    ready.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CallGone();
                }
            }
        }
        if (call.isCancelled()) {
            throw new CallGone();
        }
        call.onNext(item);
    }

    private final class Sink implements ExportSink {
        @Override
        public void user(User user) {
            send(ExportUserResponse.newBuilder().setUser(ProtoMapper.user(user)).build());
        }

        @Override
        public void visitors(List<Visitor> page) {
            page.forEach(v -> send(ExportUserResponse.newBuilder().setVisitor(ProtoMapper.visitor(v)).build()));
        }

        @Override
        public void conversation(Conversation conversation) {
            send(ExportUserResponse.newBuilder().setConversation(ProtoMapper.conversation(conversation)).build());
        }

        @Override
        public void messages(List<Message> page) {
            page.forEach(m -> send(ExportUserResponse.newBuilder().setMessage(ProtoMapper.message(m)).build()));
        }

        @Override
        public void end() {
        }
    }
}
