package dev.visitorauth.adapter.rest.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline on a request's whole header phase (spec section 8: "a time limit for receiving a
 * request's headers"). Jetty's idle timeout bounds the wait for each read, so a client sending one
 * header byte every few seconds (slowloris) would keep its connection, and enough such clients would
 * fill the connection limit. This watchdog, started and stopped with the server (a bean of it), looks
 * at every open HTTP/1.1 connection a few times per deadline and closes any whose request line and
 * headers have been arriving for longer than the deadline: counted from the connection's opening for
 * its first request, and from the first look that saw it in its header phase for a later request on
 * the same connection (so at most a quarter of the deadline later). Idle keep-alive connections are
 * left to the idle timeout; bodies have their own deadline ({@link RequestBodyLimitFilter}).
 *
 * <p>It reads each connection's parser state ({@code HttpConnection}, Jetty's HTTP/1.1 connection),
 * which Jetty writes on the connection's own thread; a look that sees a stale state sees the fresh
 * one a pass later.
 */
public final class RequestHeaderDeadline extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(RequestHeaderDeadline.class);

    private final Server server;
    private final long deadlineNanos;
    /** Connections seen in their header phase: which request, since when. Only the watchdog's thread uses it. */
    private final Map<HttpConnection, HeaderPhase> seen = new HashMap<>();
    private ScheduledExecutorService watchdog;

    private record HeaderPhase(long request, long sinceNanos) {
    }

    public RequestHeaderDeadline(Server server, Duration deadline) {
        this.server = Objects.requireNonNull(server, "server");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the request-header deadline must be positive");
        }
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    protected void doStart() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "http-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(deadlineNanos) / 4));
        executor.scheduleWithFixedDelay(this::endOverdueHeaderPhases, period, period, TimeUnit.MILLISECONDS);
        watchdog = executor;
    }

    @Override
    protected void doStop() {
        ScheduledExecutorService executor = watchdog;
        if (executor != null) {
            executor.shutdownNow();
            watchdog = null;
        }
    }

    /** One pass of the watchdog; never throws (a scheduled task that throws is never run again). */
    void endOverdueHeaderPhases() {
        try {
            long now = System.nanoTime();
            Set<HttpConnection> inHeaderPhase = new HashSet<>();
            for (Connector connector : server.getConnectors()) {
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    if (endPoint.getConnection() instanceof HttpConnection connection && readingHeaders(connection.getParser())) {
                        inHeaderPhase.add(connection);
                        check(endPoint, connection, now);
                    }
                }
            }
            seen.keySet().retainAll(inHeaderPhase);
        } catch (RuntimeException e) {
            log.warn("The request-header deadline check failed; it runs again shortly", e);
        }
    }

    private void check(EndPoint endPoint, HttpConnection connection, long now) {
        long request = connection.getMessagesIn();
        HeaderPhase phase = seen.get(connection);
        if (phase == null || phase.request() != request) {
            long since = request == 0
                    ? now - TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - endPoint.getCreatedTimeStamp()))
                    : now;
            phase = new HeaderPhase(request, since);
            seen.put(connection, phase);
        }
        if (now - phase.sinceNanos() > deadlineNanos) {
            seen.remove(connection);
            endPoint.close(new TimeoutException("request headers not received within "
                    + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms"));
        }
    }

    /** Between a request's first byte and the end of its headers. */
    private static boolean readingHeaders(HttpParser parser) {
        return parser != null && !parser.isStart() && parser.inHeaderState();
    }
}
