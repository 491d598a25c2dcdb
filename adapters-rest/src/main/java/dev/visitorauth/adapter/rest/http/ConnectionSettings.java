package dev.visitorauth.adapter.rest.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What the HTTP server allows each connection, and what it keeps for one (spec section 8; Jetty's
 * settings, applied by {@link JettyEdge}). The connection limit and the idle keep-alive timeout are
 * Spring Boot's own {@code server.jetty.*} properties.
 *
 * @param readTimeout               the longest one blocking read of a request's body (or write of an
 *                                  answer) may wait; the body's total is {@link HttpLimits#bodyTimeout()}
 * @param acceptQueueSize           the operating system's backlog of connections not yet accepted
 * @param outputBufferBytes         each answer's body buffer: a larger body is sent chunked as it is
 *                                  written. An open event stream keeps its buffer for hours, so this
 *                                  decides most of what a stream costs (docs/performance.md)
 * @param responseHeaderBytes       the largest header block of an answer; ours are well under 2 KiB
 */
public record ConnectionSettings(Duration readTimeout, int acceptQueueSize, int outputBufferBytes,
                                 int responseHeaderBytes) {
    /** A 2 KiB body buffer: every answer of this API but lists, exports and the OpenAPI document fits. */
    public static final int OUTPUT_BUFFER_BYTES = 2048;
    public static final int RESPONSE_HEADER_BYTES = 4096;

    public ConnectionSettings {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive");
        }
        if (acceptQueueSize < 1) {
            throw new IllegalArgumentException("acceptQueueSize must be positive");
        }
        if (outputBufferBytes < 1024 || responseHeaderBytes < 1024) {
            throw new IllegalArgumentException("the output and response-header buffers need at least 1 KiB each");
        }
    }

    /** 10 s reads, a backlog of 100, the small buffers. */
    public static ConnectionSettings defaults() {
        return new ConnectionSettings(Duration.ofSeconds(10), 100, OUTPUT_BUFFER_BYTES, RESPONSE_HEADER_BYTES);
    }

    public ConnectionSettings withReadTimeout(Duration timeout) {
        return new ConnectionSettings(timeout, acceptQueueSize, outputBufferBytes, responseHeaderBytes);
    }

    public ConnectionSettings withAcceptQueueSize(int size) {
        return new ConnectionSettings(readTimeout, size, outputBufferBytes, responseHeaderBytes);
    }
}
