package dev.visitorauth.adapter.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses (spec section 5). A refusal becomes the
 * status code of its {@link ErrorCode} with the refusal's message as description and a
 * {@code google.rpc.Status} whose details hold a {@code google.rpc.ErrorInfo}: {@code reason} is
 * {@link ErrorCode#wire()}, {@code domain} is {@value #DOMAIN}, and {@code metadata["claim"]}
 * names the claim or field concerned when there is one: a token's claim as the token names it, an
 * input field by its proto field ({@link #fieldOf}, the adapter's one table of field names), which
 * also starts the description where the refusal's message names its field. {@code rate_limited} also carries a
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

    /**
     * The proto field of each input a refusal can be about, as {@code VisitorAuthService}'s requests
     * name it. {@code ORIGIN} keeps the name gRPC answers have always carried, the header the relayed
     * origin stands for (the request's field is {@code origin}).
     */
    public static String fieldOf(InputField field) {
        return switch (field) {
            case AFTER_EVENT -> "after_event_id";
            case AGENT_NAME -> "agent_name";
            case ALLOWED_ORIGINS -> "allowed_origins";
            case CLOCK_SKEW -> "clock_skew_seconds";
            case CURSOR -> "page_token";
            case EVENTS -> "events";
            case FAILURE_LIMIT, MESSAGE_LIMIT -> "limit";
            case GRACE_PERIOD -> "grace_seconds";
            case HOURS -> "hours";
            case ISSUED_BEFORE -> "issued_before";
            case JWK -> "jwk";
            case JWKS_URL -> "jwks_url";
            case MAX_TOKEN_LIFETIME -> "max_token_lifetime_seconds";
            case MESSAGES_AFTER -> "after_message_id";
            case MESSAGES_BEFORE -> "before_message_id";
            case MODE -> "mode";
            case NAME -> "name";
            case ORIGIN -> "Origin";
            case OWNER -> "owner";
            case PAGE_SIZE -> "page_size";
            case QUERY -> "query";
            case TEXT -> "text";
            case VISITOR_ID -> "visitor_id";
            case VISITOR_TOKEN -> "visitor_token";
            case WEBHOOK_URL -> "url";
        };
    }

    /** As {@link #fieldOf}, for {@code WebhookService}, whose list request names its page {@code limit} and {@code cursor}. */
    static String webhookFieldOf(InputField field) {
        return switch (field) {
            case PAGE_SIZE -> "limit";
            case CURSOR -> "cursor";
            default -> fieldOf(field);
        };
    }

    /** A refusal as the exception a service or interceptor closes the call with, its field named by {@link #fieldOf}. */
    public static StatusRuntimeException refused(Refusal refusal) {
        return refused(refusal, GrpcStatusMapper::fieldOf);
    }

    /** A refusal as the exception a call closes with, its field named by {@code fieldNames}. */
    static StatusRuntimeException refused(Refusal refusal, Function<InputField, String> fieldNames) {
        return status(refusal.code(), refusal.claim().or(() -> refusal.field().map(fieldNames)),
                refusal.message(fieldNames), refusal.retryAfter());
    }

    /** {@code invalid_request} about a request field only this adapter checks, named as the request names it. */
    static StatusRuntimeException invalidArgument(String field, String message) {
        return status(ErrorCode.INVALID_REQUEST, Optional.of(field), message, Optional.empty());
    }

    private static StatusRuntimeException status(ErrorCode code, Optional<String> claim, String message,
                                                 Optional<Duration> retryAfter) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(code.wire()).setDomain(DOMAIN);
        claim.ifPresent(c -> info.putMetadata(CLAIM, c));
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(codeOf(code).value())
                .setMessage(message)
                .addDetails(Any.pack(info.build()));
        retryAfter.ifPresent(wait -> status.addDetails(Any.pack(RetryInfo.newBuilder()
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
