package dev.visitorauth.adapter.rest.error;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries a use case's {@link Refusal} out of a controller to {@link RestExceptionHandler}, the one
 * place that maps codes to HTTP. An expected outcome, so it has no stack trace.
 */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;
    private final String member;

    public RefusedException(Refusal refusal) {
        this(refusal, null);
    }

    private RefusedException(Refusal refusal, String member) {
        super(Objects.requireNonNull(refusal, "refusal").code().wire(), null, false, false);
        this.refusal = refusal;
        this.member = member;
    }

    public Refusal refusal() {
        return refusal;
    }

    /**
     * The problem's {@code claim}: the token claim, or the request member the refusal is about (its
     * field by {@link RestExceptionHandler#memberOf}, unless the controller named the member).
     */
    public Optional<String> claim() {
        return refusal.claim().or(() -> Optional.ofNullable(member)).or(() -> refusal.field().map(RestExceptionHandler::memberOf));
    }

    /** The problem's {@code detail}: the refusal's message, with its field named as {@link #claim()} names it. */
    public String detail() {
        return refusal.message(field -> member != null ? member : RestExceptionHandler.memberOf(field));
    }

    /** The value of an {@link Result.Ok}; a {@link Result.Refused} is thrown as a {@link RefusedException}. */
    public static <T> T unwrap(Result<T> result) {
        if (result instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        throw new RefusedException(((Result.Refused<T>) result).refusal());
    }

    /**
     * As {@link #unwrap(Result)}, for a request that sent the input in {@code member} rather than in
     * the member its field usually has (one input that either of two members can carry).
     */
    public static <T> T unwrap(Result<T> result, String member) {
        if (result instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        throw new RefusedException(((Result.Refused<T>) result).refusal(), Objects.requireNonNull(member, "member"));
    }

    /** {@code invalid_request} from the adapter's own checks, naming the request member or parameter concerned. */
    public static RefusedException invalid(String member, String message) {
        return new RefusedException(Refusal.of(ErrorCode.INVALID_REQUEST, message), Objects.requireNonNull(member, "member"));
    }

    /** {@code unauthenticated}: no usable credential. */
    public static RefusedException unauthenticated(String message) {
        return new RefusedException(Refusal.of(ErrorCode.UNAUTHENTICATED, message));
    }
}
