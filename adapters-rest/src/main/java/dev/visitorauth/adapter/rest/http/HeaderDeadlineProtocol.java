package dev.visitorauth.adapter.rest.http;

import java.net.SocketTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO HTTP/1.1 connector with a deadline on a request's whole header phase (spec section 8:
 * "a time limit for receiving a request's headers"). Tomcat's own {@code connectionTimeout} bounds each
 * read, so a client sending one header byte every few seconds (slowloris) would keep its connection,
 * and enough such clients would fill the connection limit. Here a watchdog looks at every open
 * connection a few times per deadline and ends any whose request line and headers have been
 * arriving for longer than {@link #setRequestHeaderTimeout(int) the deadline}, counted from the
 * request's first byte, the same way Tomcat ends a connection whose read timed out
 * (a timeout error dispatched to the connection's processor, which closes it). Idle keep-alive
 * connections are left to {@code keepAliveTimeout}; bodies have their own deadline
 * ({@link RequestBodyLimitFilter}).
 *
 * <p>Installed with {@code TomcatServletWebServerFactory.setProtocol(HeaderDeadlineProtocol.class.getName())};
 * the deadline is the connector property {@code requestHeaderTimeout} in milliseconds.
 */
public class HeaderDeadlineProtocol extends Http11NioProtocol {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadlineProtocol.class);

    private volatile int requestHeaderTimeout = (int) HttpLimits.DEFAULT_BODY_TIMEOUT.toMillis();
    private ScheduledExecutorService watchdog;
    private volatile int responseBufferSize = -1;

    /**
     * The size of each response's body buffer, in bytes (and of its character buffer, in chars), or
     * -1 for Tomcat's 8 KiB. Tomcat gives every connection its own, for as long as the connection
     * lives, an open event stream included; a body larger than the buffer is sent as it is written
     * (chunked) instead of with a {@code Content-Length}.
     */
    public int getResponseBufferSize() {
        return responseBufferSize;
    }

    public void setResponseBufferSize(int bytes) {
        if (bytes < 1 && bytes != -1) {
            throw new IllegalArgumentException("responseBufferSize must be positive, or -1 for Tomcat's default");
        }
        this.responseBufferSize = bytes;
    }

    /** Tomcat sizes each {@code Response}'s buffer by this ({@code Connector.createResponse}). */
    @Override
    public int getDesiredBufferSize() {
        return responseBufferSize;
    }

    /** The longest a request's line and headers may take to arrive, from its first byte, in milliseconds. */
    public int getRequestHeaderTimeout() {
        return requestHeaderTimeout;
    }

    public void setRequestHeaderTimeout(int millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("requestHeaderTimeout must be at least 1 ms");
        }
        this.requestHeaderTimeout = millis;
    }

    @Override
    public void start() throws Exception {
        super.start();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "http-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(1_000, requestHeaderTimeout / 4));
        executor.scheduleWithFixedDelay(this::endOverdueHeaderPhases, period, period, TimeUnit.MILLISECONDS);
        watchdog = executor;
    }

    @Override
    public void stop() throws Exception {
        stopWatchdog();
        super.stop();
    }

    @Override
    public void destroy() throws Exception {
        stopWatchdog();
        super.destroy();
    }

    private void stopWatchdog() {
        ScheduledExecutorService executor = watchdog;
        if (executor != null) {
            executor.shutdownNow();
            watchdog = null;
        }
    }

    /** One pass of the watchdog; never throws (a scheduled task that throws is never run again). */
    void endOverdueHeaderPhases() {
        try {
            AbstractEndpoint<NioChannel, ?> endpoint = getEndpoint();
            long deadlineNanos = TimeUnit.MILLISECONDS.toNanos(requestHeaderTimeout);
            long now = System.nanoTime();
            for (SocketWrapperBase<NioChannel> connection : endpoint.getConnections()) {
                if (isOverdue(connection, now, deadlineNanos)) {
                    connection.setError(new SocketTimeoutException("request headers not received within "
                            + requestHeaderTimeout + " ms"));
                    if (!endpoint.processSocket(connection, SocketEvent.ERROR, true)) {
                        connection.close();
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("The request-header deadline check failed; it runs again shortly", e);
        }
    }

    /**
     * A connection is overdue when a processor waits on it for more of a request it has started to
     * read, longer than the deadline since the request's first byte. Tomcat keeps a processor with its
     * connection between reads only while a request line or its headers are incomplete, or for
     * asynchronous and upgraded requests (left alone); a request being served, or a body being read,
     * has its processor on a worker thread, and an idle keep-alive connection has none.
     */
    private static boolean isOverdue(SocketWrapperBase<?> connection, long now, long deadlineNanos) {
        if (connection.isClosed() || !(connection.getCurrentProcessor() instanceof AbstractProcessor processor)
                || processor.isAsync() || processor.isUpgrade()) {
            return false;
        }
        long started = processor.getRequest().getStartTimeNanos();
        return started > 0 && now - started > deadlineNanos;
    }
}
