package dev.visitorauth.adapter.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses (spec section 5). A refusal becomes the
 * status code of its {@link ErrorCode} with the refusal's message as description and a
 * {@code google.rpc.Status} whose details hold a {@code google.rpc.ErrorInfo}: {@code reason} is
 * {@link ErrorCode#wire()}, {@code domain} is {@value #DOMAIN}, and {@code metadata["claim"]}
 * names the claim or field concerned when there is one. {@code rate_limited} also carries a
 * {@code google.rpc.RetryInfo}. Storage failures become {@code UNAVAILABLE} and anything
 * unexpected {@code INTERNAL}, both with a fixed message: exception texts and stack traces are
 * logged here and never reach the client.
 */
public final class GrpcStatusMapper {
    /** The {@code ErrorInfo.domain} of every refusal. */
    public static final String DOMAIN = "visitorauth.dev";
    /** The {@code ErrorInfo.metadata} key naming the claim or request field concerned. */
    public static final String CLAIM = "claim";
    static final String UNAVAILABLE_MESSAGE = "The service is temporarily unavailable. Retry in a few seconds.";
    static final String INTERNAL_MESSAGE = "An unexpected error occurred. It has been logged; retry later.";

    private static final Logger log = LoggerFactory.getLogger(GrpcStatusMapper.class);

    private GrpcStatusMapper() {
    }

    /** The gRPC status code of each machine code (spec section 5). */
    public static Status.Code codeOf(ErrorCode code) {
        return switch (code) {
            case MALFORMED_TOKEN, TOKEN_TOO_LARGE, UNSUPPORTED_ALGORITHM, UNSUPPORTED_TOKEN, UNKNOWN_KEY, INVALID_SIGNATURE,
                 SECRET_ROTATED, MISSING_EXPIRATION, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_LIFETIME_TOO_LONG,
                 TOKEN_REPLAYED, TOKEN_REVOKED, MISSING_CLAIM, INVALID_CLAIM, TOKEN_REQUIRED, UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case WIDGET_NOT_FOUND, NOT_FOUND -> Status.Code.NOT_FOUND;
            case ORIGIN_NOT_ALLOWED, FORBIDDEN -> Status.Code.PERMISSION_DENIED;
            case INVALID_REQUEST -> Status.Code.INVALID_ARGUMENT;
            case RATE_LIMITED, REQUEST_TOO_LARGE -> Status.Code.RESOURCE_EXHAUSTED;
            // jwks_unavailable is a failure-log entry only (spec 5), never an answer.
            case UNAVAILABLE, JWKS_UNAVAILABLE -> Status.Code.UNAVAILABLE;
        };
    }

    /** A refusal as the exception a service or interceptor closes the call with. */
    public static StatusRuntimeException refused(Refusal refusal) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(refusal.code().wire()).setDomain(DOMAIN);
        refusal.claim().ifPresent(claim -> info.putMetadata(CLAIM, claim));
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(codeOf(refusal.code()).value())
                .setMessage(refusal.message())
                .addDetails(Any.pack(info.build()));
        refusal.retryAfter().ifPresent(wait -> status.addDetails(Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(wholeSecondsUp(wait))).build())));
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /**
     * Any exception a call failed with: {@code unavailable} for {@link StorageUnavailableException},
     * a {@link StatusRuntimeException} as it is, else {@code INTERNAL}. Logged with the method.
     */
    public static StatusRuntimeException failure(Throwable failure, String method) {
        if (failure instanceof StorageUnavailableException) {
            log.warn("Storage unavailable during {}: {}", method, failure.getMessage(), failure);
            return refused(Refusal.of(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE));
        }
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        log.error("Unexpected failure during {}", method, failure);
        return Status.INTERNAL.withDescription(INTERNAL_MESSAGE).asRuntimeException();
    }

    /** {@code RetryInfo} in whole seconds, rounded up, at least 1 (as REST's {@code Retry-After}). */
    static long wholeSecondsUp(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
