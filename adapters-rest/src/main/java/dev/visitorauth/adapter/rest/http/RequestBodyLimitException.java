package dev.visitorauth.adapter.rest.http;

import java.io.IOException;

/**
 * Thrown by the request body stream when the body passes the limit or its read deadline. An
 * {@link IOException}, so whatever reads the body (Jackson, a converter) gives up at once; the
 * error advice finds it in the cause chain and answers 413 or 408.
 */
public final class RequestBodyLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What was exceeded. */
    public enum Kind { TOO_LARGE, TOO_SLOW }

    private final Kind kind;

    RequestBodyLimitException(Kind kind, String message) {
        super(message, null);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The first {@link RequestBodyLimitException} in {@code e}'s cause chain, if any. */
    public static java.util.Optional<RequestBodyLimitException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyLimitException limit) {
                return java.util.Optional.of(limit);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
