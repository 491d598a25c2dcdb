package dev.visitorauth.adapter.rest.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits the REST adapter puts on every request (spec section 8).
 *
 * @param maxBodyBytes the largest request body, counted as bytes read whatever the framing
 * @param bodyTimeout  how long reading a request's body may take, counted from the moment the
 *                     request reaches the application (its headers are in)
 */
public record HttpLimits(long maxBodyBytes, Duration bodyTimeout) {
    /** 64 KiB: a message is at most 10,000 code points, and no request of this API needs more. */
    public static final long MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A refused body declared at most this large is read and discarded before the 413, so the client
     * can read the answer ({@link RequestBodyLimitFilter}); a larger or undeclared one is not, and its
     * connection is closed after the answer.
     */
    public static final long MAX_DISCARDED_BYTES = 512 * 1024;

    public HttpLimits {
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("bodyTimeout must be positive");
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(MAX_BODY_BYTES, DEFAULT_BODY_TIMEOUT);
    }

    public HttpLimits withBodyTimeout(Duration timeout) {
        return new HttpLimits(maxBodyBytes, timeout);
    }
}
