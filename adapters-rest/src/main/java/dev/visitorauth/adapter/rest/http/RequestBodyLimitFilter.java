package dev.visitorauth.adapter.rest.http;

import dev.visitorauth.adapter.rest.error.RestExceptionHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body, whatever its framing ({@code Content-Length}, chunked, or none), before
 * anything reads it (spec section 8):
 * <ul>
 *   <li>a declared {@code Content-Length} over the limit is answered 413 {@code request_too_large}
 *       at once, without reading a byte of the body;</li>
 *   <li>otherwise the body stream counts the bytes actually read and fails with
 *       {@link RequestBodyLimitException} as soon as one byte more than the limit arrives, so at
 *       most the limit plus one read buffer is ever read; the error advice answers 413;</li>
 *   <li>the same stream fails once the body has taken longer than {@link HttpLimits#bodyTimeout()}
 *       (counted from the request's arrival here; a single blocked read is bounded by the
 *       connector's own read timeout), and the advice answers 408.</li>
 * </ul>
 * Both answers carry {@code Connection: close}, and the rest of the body is never read into memory.
 * A declared body over the limit but of at most {@link HttpLimits#MAX_DISCARDED_BYTES} is read and
 * discarded (within the body deadline) before the 413, so an ordinary client that sends its whole
 * body can read the answer instead of a reset connection; in every other case the server closes the
 * connection right after the answer, reading on only what has already arrived.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpLimits limits;
    private final Clock clock;

    public RequestBodyLimitFilter(HttpLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            if (declared <= HttpLimits.MAX_DISCARDED_BYTES) {
                discard(request, clock.instant().plus(limits.bodyTimeout()));
            }
            refuse(request, response, tooLarge());
            return;
        }
        BoundedRequest bounded = new BoundedRequest(request, limits, clock);
        try {
            chain.doFilter(bounded, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Optional<RequestBodyLimitException> limit = RequestBodyLimitException.in(e);
            if (limit.isEmpty() || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            refuse(request, response, limit.get());
            return;
        }
        boolean answered = response.getStatus() == 413 || response.getStatus() == 408;
        if (bounded.tripped().isPresent() && !answered && !response.isCommitted()) {
            response.resetBuffer();
            refuse(request, response, bounded.tripped().get());
        }
    }

    /** Reads and drops the body until its end, the deadline, or an error (the client is gone: the answer will fail too). */
    private void discard(HttpServletRequest request, Instant deadline) {
        byte[] buffer = new byte[8192];
        try {
            ServletInputStream in = request.getInputStream();
            while (clock.instant().isBefore(deadline) && in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // the answer that follows reports the refusal if the connection still takes it
        }
    }

    private RequestBodyLimitException tooLarge() {
        return new RequestBodyLimitException(RequestBodyLimitException.Kind.TOO_LARGE,
                "The request body is over " + limits.maxBodyBytes() / 1024 + " KiB (" + limits.maxBodyBytes()
                        + " bytes), the largest this API accepts.");
    }

    private RequestBodyLimitException tooSlow() {
        return new RequestBodyLimitException(RequestBodyLimitException.Kind.TOO_SLOW,
                "The request body did not arrive within " + limits.bodyTimeout().toMillis() + " ms. Send it in one go.");
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, RequestBodyLimitException e)
            throws IOException {
        ResponseEntity<ProblemDetail> answer = RestExceptionHandler.bodyLimit(e, request.getRequestURI());
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = JSON.writeValueAsBytes(RestExceptionHandler.members(answer.getBody()));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The request with its body stream counted and timed. */
    private final class BoundedRequest extends HttpServletRequestWrapper {
        private final Instant deadline;
        private ServletInputStream stream;
        private BufferedReader reader;
        private RequestBodyLimitException tripped;

        BoundedRequest(HttpServletRequest request, HttpLimits limits, Clock clock) {
            super(request);
            this.deadline = clock.instant().plus(limits.bodyTimeout());
        }

        Optional<RequestBodyLimitException> tripped() {
            return Optional.ofNullable(tripped);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        private RequestBodyLimitException trip(RequestBodyLimitException e) {
            tripped = e;
            return e;
        }

        /** Counts what is read; fails past the limit or the deadline, and keeps failing after. */
        private final class CountingStream extends ServletInputStream {
            private final ServletInputStream in;
            private long count;

            CountingStream(ServletInputStream in) {
                this.in = in;
            }

            private void check() throws RequestBodyLimitException {
                if (tripped != null) {
                    throw tripped;
                }
                if (clock.instant().isAfter(deadline)) {
                    throw trip(tooSlow());
                }
            }

            private int counted(int n) throws RequestBodyLimitException {
                if (n > 0) {
                    count += n;
                    if (count > limits.maxBodyBytes()) {
                        throw trip(tooLarge());
                    }
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                check();
                int b = in.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                check();
                return counted(in.read(buffer, offset, length));
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            /**
             * Non-blocking reading goes to the container's stream; the listener then reads through
             * this one (the only stream the application holds), so every byte is still counted.
             */
            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
