package dev.visitorauth.adapter.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for requests the service makes of its own accord (JWKS URLs, webhooks). Every request passes the
 * {@link OutboundAddressGuard} (scheme, then every resolved address, connecting to exactly those);
 * connect and read time out; a response body is bounded; redirects are not followed (a 3xx is
 * returned as it is, so a redirect can never lead past the guard); no proxy, cookies, retries,
 * compression or authentication. Thread-safe; close it to release its connections.
 */
public final class OutboundHttpClient implements AutoCloseable {

    /**
     * How long and how much.
     *
     * @param connectTimeout   to open the TCP connection (TLS handshake included in the read timeout)
     * @param readTimeout      the longest wait for any byte of the answer
     * @param totalTimeout     the longest a whole body may take to arrive (checked between reads, so an
     *                         answer may take up to this plus one read timeout)
     * @param maxResponseBytes the largest body read; a larger one fails the request
     */
    public record Limits(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, int maxResponseBytes) {
        /** 3 s to connect, 5 s per read, 10 s in all, 256 KiB. */
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 256 * 1024);

        public Limits {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(totalTimeout, "totalTimeout");
            if (maxResponseBytes <= 0) {
                throw new IllegalArgumentException("maxResponseBytes must be positive");
            }
        }
    }

    /**
     * An answer.
     *
     * @param status  the HTTP status
     * @param headers header values by lower-case name, in the order received
     * @param body    the body, at most {@link Limits#maxResponseBytes} bytes
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Response {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** The values of a header, by any case of its name. */
        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** The body was larger than {@link Limits#maxResponseBytes}, or took longer than {@link Limits#totalTimeout}. */
    public static final class ResponseLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseLimitException(String message) {
            super(message);
        }
    }

    private final OutboundAddressGuard guard;
    private final Limits limits;
    private final CloseableHttpClient client;

    public OutboundHttpClient(OutboundAddressGuard guard, Limits limits) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setMaxLineLength(8 * 1024).setMaxHeaderCount(100).build())
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout(limits.connectTimeout()))
                                .setSocketTimeout(timeout(limits.readTimeout()))
                                .build())
                        .setMaxConnTotal(20)
                        .setMaxConnPerRoute(2)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .setConnectionRequestTimeout(timeout(limits.connectTimeout()))
                        .setResponseTimeout(timeout(limits.readTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("visitorauth")
                .build();
    }

    /** The guard every request passes. */
    public OutboundAddressGuard guard() {
        return guard;
    }

    /**
     * GETs {@code url}.
     *
     * @throws OutboundRefusedException when the guard refuses the URL or an address of its host
     * @throws ResponseLimitException   when the body is too large or too slow
     * @throws IOException              when the host cannot be reached or the answer is not HTTP
     */
    public Response get(URI url, String accept) throws IOException {
        guard.checkUrl(url);
        HttpGet get = new HttpGet(url);
        get.setHeader("Accept", accept);
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        return client.execute(get, response -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
            }
            byte[] body = read(response.getEntity(), deadline);
            return new Response(response.getCode(), headers, body);
        });
    }

    /**
     * POSTs {@code body} to {@code url} with {@code headers}, and returns the status; at most
     * {@code maxAnswerBytes} of the answer's body are read, then discarded with the connection.
     *
     * @throws OutboundRefusedException when the guard refuses the URL or an address of its host
     * @throws IOException              when the host cannot be reached, times out, or does not answer HTTP
     */
    public int post(URI url, Map<String, String> headers, byte[] body, String contentType, int maxAnswerBytes)
            throws IOException {
        guard.checkUrl(url);
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                try (InputStream in = entity.getContent()) {
                    in.readNBytes(Math.max(0, maxAnswerBytes));
                }
            }
            return response.getCode();
        }
    }

    private byte[] read(HttpEntity entity, long deadline) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        int max = limits.maxResponseBytes();
        if (entity.getContentLength() > max) {
            throw new ResponseLimitException("the answer is larger than " + max + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = entity.getContent()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > max) {
                    throw new ResponseLimitException("the answer is larger than " + max + " bytes");
                }
                out.write(buffer, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw new ResponseLimitException("the answer took longer than " + limits.totalTimeout().toSeconds() + " s");
                }
            }
        }
        return out.toByteArray();
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.of(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
