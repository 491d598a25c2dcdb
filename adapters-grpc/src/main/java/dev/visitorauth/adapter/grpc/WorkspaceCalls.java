package dev.visitorauth.adapter.grpc;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/** How every unary call made with a workspace API key is answered, whichever service it belongs to. */
final class WorkspaceCalls {
    private WorkspaceCalls() {
    }

    /**
     * Runs {@code work} for the caller's workspace and answers with its result. Nothing runs, and
     * nothing is sent, once the call is cancelled (work that notices it midway throws to stop).
     *
     * @param fullMethod the service and method, for the log line of an unexpected failure
     * @param fieldNames how the service's requests name the input fields a refusal can be about
     */
    static <T> void respond(StreamObserver<T> observer, String fullMethod, Function<InputField, String> fieldNames,
                            Function<WorkspaceId, Result<T>> work) {
        if (Context.current().isCancelled()) {
            return;
        }
        WorkspaceId workspace = ApiKeyInterceptor.WORKSPACE.get();
        try {
            if (workspace == null) {
                throw GrpcStatusMapper.refused(Refusal.of(ErrorCode.UNAUTHENTICATED, ApiKeyInterceptor.MISSING_KEY));
            }
            Result<T> result = work.apply(workspace);
            if (Context.current().isCancelled()) {
                return;
            }
            if (result instanceof Result.Refused<T> refused) {
                observer.onError(GrpcStatusMapper.refused(refused.refusal(), fieldNames));
                return;
            }
            observer.onNext(result.orElseThrow());
            observer.onCompleted();
        } catch (RuntimeException e) {
            if (!Context.current().isCancelled()) {
                observer.onError(GrpcStatusMapper.failure(e, fullMethod));
            }
        }
    }
}
