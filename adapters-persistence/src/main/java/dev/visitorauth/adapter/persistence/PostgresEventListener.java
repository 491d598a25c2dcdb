package dev.visitorauth.adapter.persistence;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This node's {@code LISTEN} on {@value JdbcEventLog#CHANNEL}: one dedicated connection (not from the
 * pool; a pooled connection would be recycled and a {@code LISTEN} lost with it), on one daemon
 * thread, that turns every notification into a wake-up of this node's readers
 * ({@link JdbcEventLog#signal}).
 *
 * <p>When the connection fails (the database restarted, the network broke), the thread reconnects
 * with exponential backoff ({@code minBackoff} doubling up to {@code maxBackoff}). Notifications sent
 * while it was away are lost by PostgreSQL's design, so after every (re)connection, once its
 * {@code LISTEN} is in place, it signals "may have missed" and every reader re-reads the log:
 * nothing committed in the gap is lost, it is only read late.
 */
public final class PostgresEventListener implements AutoCloseable {
    /** Opens the dedicated connection (from the JDBC URL and credentials, never from the pool). */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection connect() throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger(PostgresEventListener.class.getName());
    private static final int POLL_MILLIS = 1_000;

    private final JdbcEventLog log;
    private final WidgetChanges widgetChanges;
    private final ConnectionFactory factory;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection current;

    private PostgresEventListener(JdbcEventLog log, WidgetChanges widgetChanges, ConnectionFactory factory,
                                  Duration minBackoff, Duration maxBackoff) {
        this.log = Objects.requireNonNull(log, "log");
        this.widgetChanges = Objects.requireNonNull(widgetChanges, "widgetChanges");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.minBackoff = Objects.requireNonNull(minBackoff, "minBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("0 < minBackoff <= maxBackoff");
        }
        this.thread = new Thread(this::run, "visitorauth-event-listen");
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening for {@code events}' workspace log and for widget changes (the caches'
     * evictions); {@link #close()} stops it.
     */
    public static PostgresEventListener start(JdbcEventLog events, WidgetChanges widgetChanges, ConnectionFactory factory,
                                              Duration minBackoff, Duration maxBackoff) {
        PostgresEventListener listener = new PostgresEventListener(events, widgetChanges, factory, minBackoff, maxBackoff);
        listener.thread.start();
        return listener;
    }

    /** True while the {@code LISTEN} connection is up. */
    public boolean isListening() {
        return listening;
    }

    /** How many times a {@code LISTEN} connection was established (1 after the first, 2 after a reconnect, ...). */
    public long connections() {
        return connections.get();
    }

    private void run() {
        long backoff = minBackoff.toMillis();
        try {
            while (running) {
                try (Connection c = factory.connect()) {
                    current = c;
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + JdbcEventLog.CHANNEL);
                        s.execute("LISTEN " + WidgetChanges.CHANNEL);
                    }
                    PGConnection pg = c.unwrap(PGConnection.class);
                    listening = true;
                    long n = connections.incrementAndGet();
                    if (n > 1) {
                        LOG.log(System.Logger.Level.INFO, "event LISTEN connection re-established; readers re-read the log");
                    }
                    backoff = minBackoff.toMillis();
                    log.signalMayHaveMissed();
                    widgetChanges.signalMayHaveMissed();
                    while (running) {
                        PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                        if (notifications != null) {
                            for (PGNotification notification : notifications) {
                                String id = notification.getParameter();
                                if (!Ids.isWellFormed(id)) {
                                    continue;
                                }
                                if (WidgetChanges.CHANNEL.equals(notification.getName())) {
                                    widgetChanges.signal(new WidgetId(id));
                                } else {
                                    log.signal(new WorkspaceId(id));
                                }
                            }
                        }
                        if (c.isClosed()) {
                            throw new SQLException("the LISTEN connection was closed");
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    if (listening) {
                        LOG.log(System.Logger.Level.WARNING, "event LISTEN connection lost ({0}); reconnecting",
                                e.getClass().getSimpleName());
                    }
                } finally {
                    listening = false;
                    current = null;
                }
                if (running && stopped.await(backoff, TimeUnit.MILLISECONDS)) {
                    break;
                }
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // the thread notices and ends
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
