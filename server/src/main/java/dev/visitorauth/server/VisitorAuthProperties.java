package dev.visitorauth.server;

import dev.visitorauth.adapter.persistence.JdbcPersistence;
import dev.visitorauth.adapter.rest.http.ConnectionSettings;
import dev.visitorauth.application.port.out.RateLimitPort;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's own settings ({@code visitorauth.*}; see application.properties for the
 * environment variables that set them).
 *
 * @param dataDir              where the embedded database, the generated master key and the generated system API key live
 * @param masterKey            base64 of the 32-byte key that encrypts widget secrets at rest; empty: generated once in {@code dataDir}
 * @param systemApiKey         the key that may create workspaces; empty: generated once in {@code dataDir} and printed at start-up
 * @param sessionLifetime      how long a widget session lives
 * @param failureLimit         failed verifications allowed per widget and client address in {@code failureWindow}
 * @param failureWindow        the rate limit's window
 * @param newVisitorLimit      session starts that create a visitor, per widget and client address in {@code newVisitorWindow}
 * @param newVisitorWindow     that limit's window
 * @param conversationLimit    conversations a visitor (authenticated: a user) may start in {@code conversationWindow}
 * @param conversationWindow   that limit's window
 * @param messageLimit         messages a session may post in {@code messageWindow}
 * @param messageWindow        that limit's window
 * @param purgeInterval        how often the data-lifecycle job runs on this node
 * @param purgeBatchSize       rows the job deletes per statement
 * @param anonymousVisitorRetention how long an anonymous visitor without conversations may go unseen before it is deleted
 * @param httpRequestTimeout   how long a request's line and headers, and then its body, may take to arrive (spec section 8)
 * @param http                 the HTTP connections ({@code visitorauth.http.*}; docs/deployment.md)
 * @param outbound             requests the service makes of its own accord (JWKS URLs)
 * @param stream               the event streams (SSE and gRPC {@code WatchWorkspace})
 * @param webhooks             the webhook delivery workers
 * @param widgetCache          the per-node cache of widgets and keyrings that start-ups read
 */
@ConfigurationProperties("visitorauth")
public record VisitorAuthProperties(Path dataDir, String masterKey, String systemApiKey, Duration sessionLifetime,
                                    int failureLimit, Duration failureWindow, int newVisitorLimit, Duration newVisitorWindow,
                                    int conversationLimit, Duration conversationWindow, int messageLimit,
                                    Duration messageWindow, Duration purgeInterval, int purgeBatchSize,
                                    Duration anonymousVisitorRetention, Duration httpRequestTimeout, Http http,
                                    Outbound outbound, Stream stream, Webhooks webhooks, WidgetCache widgetCache) {
    public VisitorAuthProperties {
        dataDir = dataDir == null ? Path.of("visitorauth-data") : dataDir;
        masterKey = masterKey == null ? "" : masterKey.trim();
        systemApiKey = systemApiKey == null ? "" : systemApiKey.trim();
        sessionLifetime = sessionLifetime == null ? Duration.ofHours(12) : sessionLifetime;
        failureLimit = failureLimit <= 0 ? 30 : failureLimit;
        failureWindow = failureWindow == null ? Duration.ofMinutes(1) : failureWindow;
        RateLimitPort.RequestLimits spec = RateLimitPort.RequestLimits.DEFAULTS;
        newVisitorLimit = newVisitorLimit <= 0 ? spec.newVisitors().max() : newVisitorLimit;
        newVisitorWindow = newVisitorWindow == null ? spec.newVisitors().window() : newVisitorWindow;
        conversationLimit = conversationLimit <= 0 ? spec.conversations().max() : conversationLimit;
        conversationWindow = conversationWindow == null ? spec.conversations().window() : conversationWindow;
        messageLimit = messageLimit <= 0 ? spec.messages().max() : messageLimit;
        messageWindow = messageWindow == null ? spec.messages().window() : messageWindow;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(5) : purgeInterval;
        purgeBatchSize = purgeBatchSize <= 0 ? 1000 : purgeBatchSize;
        anonymousVisitorRetention = anonymousVisitorRetention == null ? Duration.ofDays(30) : anonymousVisitorRetention;
        httpRequestTimeout = httpRequestTimeout == null || httpRequestTimeout.isNegative() || httpRequestTimeout.isZero()
                ? Duration.ofSeconds(10) : httpRequestTimeout;
        http = http == null ? new Http(null, 0) : http;
        outbound = outbound == null ? new Outbound(false) : outbound;
        stream = stream == null ? new Stream(null, 0, 0, 0, 0, 0) : stream;
        webhooks = webhooks == null ? new Webhooks(null, 0, null, null, null) : webhooks;
        widgetCache = widgetCache == null ? new WidgetCache(0, null) : widgetCache;
    }

    /**
     * The per-node cache of widgets and keyrings ({@code visitorauth.widget-cache.*}; a change on any
     * node evicts its widget at once, docs/decisions.md).
     *
     * @param size       the most widgets (and as many keyrings) held
     * @param timeToLive the longest an entry is served, changes or not: the safety net for a lost notification
     */
    public record WidgetCache(int size, Duration timeToLive) {
        public WidgetCache {
            size = size <= 0 ? JdbcPersistence.DEFAULT_WIDGET_CACHE_SIZE : size;
            timeToLive = timeToLive == null || timeToLive.isNegative() || timeToLive.isZero()
                    ? JdbcPersistence.DEFAULT_WIDGET_CACHE_TTL : timeToLive;
        }
    }

    /**
     * The HTTP connections ({@code visitorauth.http.*}); the connection limit and the idle keep-alive
     * timeout are Spring Boot's {@code server.jetty.max-connections} and
     * {@code server.jetty.connection-idle-timeout}.
     *
     * @param readTimeout           the longest one blocking read of a body (or write of an answer) waits
     * @param acceptQueueSize       the operating system's backlog of connections waiting to be accepted
     */
    public record Http(Duration readTimeout, int acceptQueueSize) {
        public Http {
            ConnectionSettings defaults = ConnectionSettings.defaults();
            readTimeout = readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()
                    ? defaults.readTimeout() : readTimeout;
            acceptQueueSize = acceptQueueSize <= 0 ? defaults.acceptQueueSize() : acceptQueueSize;
        }

        /** The REST adapter's connection settings these describe (its small buffers unchanged). */
        public ConnectionSettings connectionSettings() {
            return ConnectionSettings.defaults().withReadTimeout(readTimeout).withAcceptQueueSize(acceptQueueSize);
        }
    }

    /**
     * Outbound requests ({@code visitorauth.outbound.*}).
     *
     * @param allowPrivate {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE}: true lets outbound requests use plain
     *                     http and reach loopback and private addresses (development and tests only);
     *                     link-local addresses stay refused
     */
    public record Outbound(boolean allowPrivate) {
    }

    /**
     * The event streams ({@code visitorauth.stream.*}).
     *
     * @param heartbeat       how often an idle stream gets a comment (spec: 20 s)
     * @param bufferSize      events a stream may have waiting; a client that takes none for a heartbeat is disconnected
     * @param maxPerSession   open {@code GET /v1/stream} streams per widget session
     * @param maxPerWorkspace open admin streams ({@code GET /v1/admin/stream}, {@code WatchWorkspace}) per workspace
     * @param maxPerNode      open streams of every kind on this node
     * @param threads         the dispatcher's shared pool (reads and sends; never a thread per stream)
     */
    public record Stream(Duration heartbeat, int bufferSize, int maxPerSession, int maxPerWorkspace, int maxPerNode,
                         int threads) {
        public Stream {
            heartbeat = heartbeat == null ? Duration.ofSeconds(20) : heartbeat;
            bufferSize = bufferSize <= 0 ? 512 : bufferSize;
            maxPerSession = maxPerSession <= 0 ? 5 : maxPerSession;
            maxPerWorkspace = maxPerWorkspace <= 0 ? 50 : maxPerWorkspace;
            maxPerNode = maxPerNode <= 0 ? 10_000 : maxPerNode;
            threads = threads <= 0 ? 4 : threads;
        }
    }

    /**
     * The webhook delivery workers ({@code visitorauth.webhooks.*}; docs/webhooks.md).
     *
     * @param threads        worker threads on this node (each claims its own batches); 0: this node delivers none
     * @param batchSize      deliveries a worker claims at once, and events it queues per endpoint per round
     * @param pollInterval   how often an idle worker looks for due deliveries (a commit wakes them at once)
     * @param connectTimeout to open the receiver's TCP connection
     * @param readTimeout    the longest wait for the receiver's answer
     */
    public record Webhooks(Integer threads, int batchSize, Duration pollInterval, Duration connectTimeout,
                           Duration readTimeout) {
        public Webhooks {
            threads = threads == null || threads < 0 ? 2 : Math.min(threads, 32);
            batchSize = batchSize <= 0 ? 20 : Math.min(batchSize, 1000);
            pollInterval = pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()
                    ? Duration.ofSeconds(1) : pollInterval;
            connectTimeout = connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                    ? Duration.ofSeconds(5) : connectTimeout;
            readTimeout = readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()
                    ? Duration.ofSeconds(10) : readTimeout;
        }
    }

    /** The request limits these settings describe (a budget's window is at least 1 s). */
    public RateLimitPort.RequestLimits requestLimits() {
        return new RateLimitPort.RequestLimits(new RateLimitPort.Budget(newVisitorLimit, newVisitorWindow),
                new RateLimitPort.Budget(conversationLimit, conversationWindow),
                new RateLimitPort.Budget(messageLimit, messageWindow));
    }

    @Override
    public String toString() {
        return "VisitorAuthProperties[dataDir=" + dataDir + ", sessionLifetime=" + sessionLifetime + "]";
    }
}
