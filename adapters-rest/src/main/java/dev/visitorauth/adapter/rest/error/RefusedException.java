package dev.visitorauth.adapter.rest.error;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/**
 * Carries a use case's {@link Refusal} out of a controller to {@link RestExceptionHandler}, the one
 * place that maps codes to HTTP. An expected outcome, so it has no stack trace.
 */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    public RefusedException(Refusal refusal) {
        super(Objects.requireNonNull(refusal, "refusal").code().wire(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The value of an {@link Result.Ok}; a {@link Result.Refused} is thrown as a {@link RefusedException}. */
    public static <T> T unwrap(Result<T> result) {
        if (result instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        throw new RefusedException(((Result.Refused<T>) result).refusal());
    }

    /** {@code invalid_request} naming the request member or parameter concerned. */
    public static RefusedException invalid(String member, String message) {
        return new RefusedException(Refusal.of(ErrorCode.INVALID_REQUEST, member, message));
    }

    /** {@code unauthenticated}: no usable credential. */
    public static RefusedException unauthenticated(String message) {
        return new RefusedException(Refusal.of(ErrorCode.UNAUTHENTICATED, message));
    }
}
