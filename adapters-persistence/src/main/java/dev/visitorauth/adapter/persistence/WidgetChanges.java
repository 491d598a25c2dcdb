package dev.visitorauth.adapter.persistence;

import dev.visitorauth.domain.widget.WidgetId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * That a widget or its keyring changed, for the caches that hold them. A change is told to this
 * node's listeners right after its transaction commits (never when it rolls back); on PostgreSQL
 * it is also sent with {@code pg_notify} on {@value #CHANNEL} (delivered to every node's
 * {@link PostgresEventListener} at commit), so every node hears of it within the notification's
 * latency.
 */
public final class WidgetChanges {
    /** The {@code LISTEN}/{@code NOTIFY} channel; the payload is the widget id. */
    public static final String CHANNEL = "visitorauth_widgets";

    /** What a cache of widgets does when told. */
    public interface Listener {
        /** {@code widgetId}'s widget or keyring changed (committed). */
        void changed(WidgetId widgetId);

        /** Changes may have gone unheard (the listen connection was down): forget everything. */
        void mayHaveMissedChanges();
    }

    private final JdbcTransactions tx;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    WidgetChanges(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    public void subscribe(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Records, in the transaction of {@code c}, that {@code widgetId} changed. */
    void record(Connection c, WidgetId widgetId) throws SQLException {
        if (tx.isPostgres(c)) {
            Jdbc.query(c, "SELECT pg_notify(?, ?)", rs -> 1, CHANNEL, widgetId.value());
        }
        tx.afterCommit(() -> signal(widgetId));
    }

    /** Tells this node's listeners (after a commit here, or a notification from another node). */
    void signal(WidgetId widgetId) {
        Listeners.tellEach(listeners, l -> l.changed(widgetId));
    }

    void signalMayHaveMissed() {
        Listeners.tellEach(listeners, l -> l.mayHaveMissedChanges());
    }
}
