package dev.visitorauth.server;

import dev.visitorauth.adapter.persistence.JdbcPersistence;
import dev.visitorauth.adapter.persistence.PostgresEventListener;
import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.service.EventStreamService;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * This node's streaming machinery: the event dispatcher on a small shared pool, its one-second
 * ticker (heartbeats, session expiry), and on PostgreSQL the dedicated {@code LISTEN} connection,
 * opened from the datasource URL and credentials (not from the pool). Stops first when the node
 * stops, so open streams end ({@code SHUTDOWN}) before the web server's graceful shutdown waits for
 * requests, and their clients reconnect elsewhere with their last event id. A stopped instance
 * starts again (a new ticker and {@code LISTEN} connection), as a paused test context needs.
 */
final class EventStreams implements SmartLifecycle, DisposableBean {
    private final EventStreamService service;
    private final ExecutorService workers;
    private volatile ScheduledExecutorService ticker;
    private final JdbcPersistence persistence;
    private final Optional<DatabaseLogin> listenLogin;
    private volatile PostgresEventListener listener;
    private volatile boolean running;

    /** Where the {@code LISTEN} connection goes; the password is never logged. */
    record DatabaseLogin(String url, String user, String password) {
        @Override
        public String toString() {
            return "DatabaseLogin[" + url + "]";
        }
    }

    EventStreams(VisitorAuthentication core, JdbcPersistence persistence, VisitorAuthProperties.Stream settings,
                 Optional<DatabaseLogin> listenLogin) {
        this.persistence = Objects.requireNonNull(persistence, "persistence");
        this.listenLogin = Objects.requireNonNull(listenLogin, "listenLogin");
        this.workers = Executors.newFixedThreadPool(settings.threads(), daemons("visitorauth-events-"));
        this.service = core.eventStreams(workers, new EventStreamService.Settings(settings.heartbeat(),
                settings.bufferSize(), settings.maxPerSession(), settings.maxPerWorkspace(), settings.maxPerNode()));
    }

    EventStreamService service() {
        return service;
    }

    /** The LISTEN connection, when on PostgreSQL and started. */
    Optional<PostgresEventListener> listener() {
        return Optional.ofNullable(listener);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        service.resume();
        ticker = Executors.newSingleThreadScheduledExecutor(daemons("visitorauth-events-ticker-"));
        listenLogin.ifPresent(login -> listener = PostgresEventListener.start(persistence.events(), persistence.widgetChanges(),
                () -> DriverManager.getConnection(login.url(), login.user(), login.password()),
                Duration.ofMillis(100), Duration.ofSeconds(10)));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                service.tick();
            } catch (RuntimeException ignored) {
                // the next tick tries again
            }
        }, 1, 1, TimeUnit.SECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        service.shutdown();
        ticker.shutdownNow();
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    /** The shared pool goes with the context (a stopped context may be started again, so not in {@link #stop()}). */
    @Override
    public void destroy() {
        stop();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
