package dev.visitorauth.adapter.rest.error;

import dev.visitorauth.adapter.rest.http.RequestBodyLimitException;
import dev.visitorauth.application.port.out.StorageUnavailableException;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become HTTP: every response that is not a success is an RFC 9457
 * {@code application/problem+json} document with {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance}, the machine {@code code} ({@link ErrorCode#wire()}) and, when a
 * refusal names one, the {@code claim} (or request member) concerned. An input field is named by its
 * request member ({@link #memberOf}, the adapter's one table of field names), which also starts the
 * {@code detail} where the refusal's message names its field.
 *
 * <p>{@code type} is {@code https://visitorauth.dev/problems/<code>} and {@code title} is fixed per
 * code. Errors of the HTTP protocol itself keep their status (405 with {@code Allow}, 406, 413, 415) and
 * carry the code {@code invalid_request}; unknown paths are {@code not_found}. An unexpected failure is
 * a 500 with {@code type} {@code about:blank}, no {@code code}, and a generic detail; it is logged
 * here with its stack trace, which never reaches the client.
 */
@RestControllerAdvice
public class RestExceptionHandler extends ResponseEntityExceptionHandler {
    /** The base of every problem {@code type}; the code is appended. */
    public static final String TYPE_BASE = "https://visitorauth.dev/problems/";

    private static final Logger log = LoggerFactory.getLogger(RestExceptionHandler.class);
    private static final String UNAVAILABLE_DETAIL = "The service is temporarily unavailable. Retry in a few seconds.";
    private static final String INTERNAL_DETAIL = "An unexpected error occurred. It has been logged; retry later.";

    /** The HTTP status of each code (spec section 5). */
    public static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case MALFORMED_TOKEN, TOKEN_TOO_LARGE, UNSUPPORTED_ALGORITHM, UNSUPPORTED_TOKEN, UNKNOWN_KEY, INVALID_SIGNATURE,
                 SECRET_ROTATED, MISSING_EXPIRATION, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_LIFETIME_TOO_LONG,
                 TOKEN_REPLAYED, TOKEN_REVOKED, MISSING_CLAIM, INVALID_CLAIM, TOKEN_REQUIRED, UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case WIDGET_NOT_FOUND, NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ORIGIN_NOT_ALLOWED, FORBIDDEN -> HttpStatus.FORBIDDEN;
            case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
            case REQUEST_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            // jwks_unavailable is a failure-log entry only (spec 5), never an answer; 503 if it ever were one.
            case UNAVAILABLE, JWKS_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The fixed title of a code's problem type, e.g. {@code Token expired}. */
    public static String titleOf(ErrorCode code) {
        String words = code.wire().replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /**
     * The request member each input a refusal can be about has on REST: a JSON member, a query
     * parameter or a header. The REST API is a public contract: these names do not change.
     */
    public static String memberOf(InputField field) {
        return switch (field) {
            case AFTER_EVENT -> "Last-Event-ID";
            case AGENT_NAME -> "agentName";
            case ALLOWED_ORIGINS -> "allowedOrigins";
            case CLOCK_SKEW -> "clockSkewSeconds";
            case CURSOR -> "cursor";
            case EVENTS -> "events";
            case FAILURE_LIMIT, MESSAGE_LIMIT, PAGE_SIZE -> "limit";
            case GRACE_PERIOD -> "graceSeconds";
            case HOURS -> "hours";
            case ISSUED_BEFORE -> "issuedBefore";
            case JWK -> "jwk";
            case JWKS_URL -> "jwksUrl";
            case MAX_TOKEN_LIFETIME -> "maxTokenLifetimeSeconds";
            case MESSAGES_AFTER -> "after";
            case MESSAGES_BEFORE -> "before";
            case MODE -> "mode";
            case NAME -> "name";
            case ORIGIN -> "Origin";
            case OWNER -> "owner";
            case QUERY -> "q";
            case TEXT -> "text";
            case VISITOR_ID -> "visitorId";
            case VISITOR_TOKEN -> "token";
            case WEBHOOK_URL -> "url";
        };
    }

    @ExceptionHandler(RefusedException.class)
    public ResponseEntity<ProblemDetail> handleRefused(RefusedException e, HttpServletRequest request) {
        Refusal refusal = e.refusal();
        return respond(refusal.code(), statusOf(refusal.code()), e.detail(), e.claim(), refusal.retryAfter(),
                new HttpHeaders(), request.getRequestURI());
    }

    @ExceptionHandler(StorageUnavailableException.class)
    public ResponseEntity<ProblemDetail> handleStorageUnavailable(StorageUnavailableException e, HttpServletRequest request) {
        log.warn("Storage unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        return respond(ErrorCode.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE_DETAIL, Optional.empty(),
                Optional.empty(), new HttpHeaders(), request.getRequestURI());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
        Optional<RequestBodyLimitException> limit = RequestBodyLimitException.in(e);
        if (limit.isPresent()) {
            return bodyLimit(limit.get(), request.getRequestURI());
        }
        log.error("Unexpected failure during {} {}", request.getMethod(), request.getRequestURI(), e);
        return internalError(request.getRequestURI());
    }

    /** The framework's own exceptions (unreadable body, wrong method or media type, unknown path...). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest swr ? swr.getRequest().getRequestURI() : "";
        if (request instanceof ServletWebRequest swr && swr.getResponse() != null && swr.getResponse().isCommitted()) {
            return null;
        }
        if (status.is5xxServerError() && status.value() != HttpStatus.SERVICE_UNAVAILABLE.value()) {
            log.error("Request failed during {}", path, ex);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).headers(headers)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(internalError(path).getBody());
        }
        Optional<RequestBodyLimitException> limit = RequestBodyLimitException.in(ex);
        if (limit.isPresent()) {
            ResponseEntity<ProblemDetail> response = bodyLimit(limit.get(), path);
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
        }
        log.debug("Request refused by the framework on {}: {}", path, ex.toString());
        ErrorCode code = status.value() == HttpStatus.NOT_FOUND.value() ? ErrorCode.NOT_FOUND
                : status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() ? ErrorCode.UNAVAILABLE
                : ErrorCode.INVALID_REQUEST;
        ResponseEntity<ProblemDetail> response = respond(code, status, frameworkDetail(ex, code), frameworkClaim(ex),
                Optional.empty(), headers, path);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
    }

    private static String frameworkDetail(Exception ex, ErrorCode code) {
        if (ex instanceof HttpMessageNotReadableException) {
            return JsonLimits.describe(ex).orElse("The request body is not valid JSON.");
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "Send the request body as application/json.";
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return "This API answers in application/json (errors in application/problem+json).";
        }
        if (ex instanceof HttpRequestMethodNotSupportedException m) {
            return "Method " + m.getMethod() + " is not allowed on this path; see the Allow header.";
        }
        if (ex instanceof ContentTooLargeException) {
            return "The request body is too large.";
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return "No such resource. Check the path.";
        }
        if (ex instanceof MissingServletRequestParameterException m) {
            return "The parameter '" + m.getParameterName() + "' is required.";
        }
        if (ex instanceof MissingRequestValueException) {
            return "A required part of the request is missing.";
        }
        if (ex instanceof TypeMismatchException t && t.getPropertyName() != null) {
            return "'" + t.getPropertyName() + "' has the wrong type.";
        }
        return code == ErrorCode.UNAVAILABLE ? UNAVAILABLE_DETAIL : "The request is malformed.";
    }

    private static Optional<String> frameworkClaim(Exception ex) {
        if (ex instanceof MissingServletRequestParameterException m) {
            return Optional.of(m.getParameterName());
        }
        if (ex instanceof TypeMismatchException t) {
            return Optional.ofNullable(t.getPropertyName());
        }
        return Optional.empty();
    }

    /**
     * The problem document of a refusal: the one shape every error of this API has, also for the
     * answers written outside Spring MVC (the body limit and CORS filters).
     */
    public static ProblemDetail problem(ErrorCode code, HttpStatusCode status, String detail, Optional<String> claim,
                                        String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.wire()));
        problem.setTitle(titleOf(code));
        instance(path).ifPresent(problem::setInstance);
        problem.setProperty("code", code.wire());
        claim.ifPresent(c -> problem.setProperty("claim", c));
        return problem;
    }

    /** A problem's members in their wire order, for writers that are not Spring's message converters. */
    public static java.util.Map<String, Object> members(ProblemDetail problem) {
        java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }

    private static ResponseEntity<ProblemDetail> respond(ErrorCode code, HttpStatusCode status, String detail,
                                                         Optional<String> claim, Optional<Duration> retryAfter,
                                                         HttpHeaders extraHeaders, String path) {
        ProblemDetail problem = problem(code, status, detail, claim, path);

        HttpHeaders headers = new HttpHeaders();
        headers.addAll(extraHeaders);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (code == ErrorCode.UNAUTHENTICATED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        retryAfter.ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(wholeSecondsUp(wait))));
        return new ResponseEntity<>(problem, headers, status);
    }

    /**
     * A body over the limit (413 {@code request_too_large}) or too slow to arrive (408
     * {@code invalid_request}); either way the connection is closed, so the rest is never read.
     */
    public static ResponseEntity<ProblemDetail> bodyLimit(RequestBodyLimitException e, String path) {
        boolean tooLarge = e.kind() == RequestBodyLimitException.Kind.TOO_LARGE;
        ErrorCode code = tooLarge ? ErrorCode.REQUEST_TOO_LARGE : ErrorCode.INVALID_REQUEST;
        HttpStatus status = tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.REQUEST_TIMEOUT;
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONNECTION, "close");
        return respond(code, status, e.getMessage(), Optional.empty(), Optional.empty(), headers, path);
    }

    private static ResponseEntity<ProblemDetail> internalError(String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_DETAIL);
        problem.setTitle(HttpStatus.INTERNAL_SERVER_ERROR.getReasonPhrase());
        instance(path).ifPresent(problem::setInstance);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
    static long wholeSecondsUp(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static Optional<URI> instance(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(path));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
