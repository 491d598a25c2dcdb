package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.EventSignalsPort;
import dev.visitorauth.application.port.out.ReadEventsPort;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The workspace event log in {@code workspace_events} (migration V6; V10 on PostgreSQL).
 *
 * <p>Positions are per workspace, gap-free and in commit order, so a reader reading "after p" can
 * never be passed by a later commit with a position at or below p. The next position is taken from
 * the workspace's row in {@code workspace_event_heads}, whose lock is held until the transaction
 * ends: the appends of one workspace commit one after the other, and a rollback gives its position
 * back.
 * <ul>
 *   <li>On PostgreSQL the event is inserted with a provisional negative position, and a deferred
 *       trigger (migration V10, {@code db/postgresql}) takes the position while the transaction
 *       commits, so the head row is locked only for the commit itself, with no round trip to this
 *       node in between; the trigger also runs {@code pg_notify} on {@value #CHANNEL} with the
 *       workspace id, which PostgreSQL delivers to every listening node when the transaction
 *       commits ({@link PostgresEventListener}).</li>
 *   <li>On H2 (one node) the append takes the position itself, holding the head row from the
 *       append to the commit; use cases append last.</li>
 * </ul>
 * On this node, listeners are signalled right after the commit.
 */
public final class JdbcEventLog implements AppendEventPort, ReadEventsPort, EventSignalsPort {
    /** The {@code LISTEN}/{@code NOTIFY} channel; the payload is the workspace id. */
    public static final String CHANNEL = "visitorauth_events";

    private static final String COLUMNS = "position, event_type, occurred_at, audience_kind, audience_id, data";

    private final JdbcTransactions tx;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    JdbcEventLog(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void append(NewEvent event) {
        Objects.requireNonNull(event, "event");
        String ws = event.workspaceId().value();
        Object[] audience = audienceColumns(event.audience());
        tx.write(c -> {
            if (tx.isPostgres(c)) {
                // A provisional position; the V10 trigger gives the real one, and sends the notify, at commit.
                Jdbc.update(c, "INSERT INTO workspace_events (workspace_id, " + COLUMNS + ")"
                                + " VALUES (?, -nextval('workspace_event_provisional'), ?, ?, ?, ?, ?)",
                        ws, event.type().wireName(), Jdbc.micros(event.at()), audience[0], audience[1], event.data().json());
                return null;
            }
            Jdbc.update(c, "INSERT INTO workspace_event_heads (workspace_id, last_position) VALUES (?, 0)"
                    + " ON CONFLICT DO NOTHING", ws);
            Jdbc.update(c, "UPDATE workspace_event_heads SET last_position = last_position + 1 WHERE workspace_id = ?", ws);
            long position = Jdbc.queryOne(c, "SELECT last_position FROM workspace_event_heads WHERE workspace_id = ?",
                    rs -> rs.getLong(1), ws).orElseThrow();
            Jdbc.update(c, "INSERT INTO workspace_events (workspace_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    ws, position, event.type().wireName(), Jdbc.micros(event.at()), audience[0], audience[1],
                    event.data().json());
            return null;
        });
        tx.afterCommit(() -> signal(event.workspaceId()));
    }

    @Override
    public List<WorkspaceEvent> eventsAfter(WorkspaceId workspaceId, Optional<EventId> after, int limit) {
        long from = ReadEventsPort.checkedPositionAfter(workspaceId, after, limit);
        return tx.read(c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM workspace_events"
                + " WHERE workspace_id = ? AND position > ? ORDER BY position LIMIT ?", rs -> event(workspaceId, rs),
                workspaceId.value(), from, limit));
    }

    @Override
    public Optional<EventId> newest(WorkspaceId workspaceId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT last_position FROM workspace_event_heads WHERE workspace_id = ?",
                rs -> rs.getLong(1), workspaceId.value())).filter(p -> p > 0).map(EventId::new);
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells this node's listeners that {@code workspaceId}'s log grew (after a commit, here or elsewhere). */
    void signal(WorkspaceId workspaceId) {
        Listeners.tellEach(listeners, l -> l.appended(workspaceId));
    }

    /** Tells this node's listeners that signals may have been lost (the listen connection was down). */
    void signalMayHaveMissed() {
        Listeners.tellEach(listeners, l -> l.mayHaveMissedSignals());
    }

    /** Deletes up to {@code batchSize} events that occurred before {@code cutoffMicros}, skipping locked rows. */
    static int deleteBefore(Connection c, long cutoffMicros, int batchSize) throws SQLException {
        List<Object[]> keys = Jdbc.query(c, "SELECT workspace_id, position FROM workspace_events WHERE occurred_at < ?"
                + " LIMIT ? FOR UPDATE SKIP LOCKED", rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                cutoffMicros, batchSize);
        if (keys.isEmpty()) {
            return 0;
        }
        try (var ps = c.prepareStatement("DELETE FROM workspace_events WHERE workspace_id = ? AND position = ?")) {
            for (Object[] key : keys) {
                Jdbc.bind(ps, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return keys.size();
    }

    private static Object[] audienceColumns(EventAudience audience) {
        if (audience instanceof EventAudience.AllSessionsOfUser u) {
            return new Object[] {"user", u.userId().value()};
        }
        if (audience instanceof EventAudience.AllSessionsOfVisitor v) {
            return new Object[] {"visitor", v.visitorId().value()};
        }
        if (audience instanceof EventAudience.OneSession s) {
            return new Object[] {"session", s.tokenHash().value()};
        }
        return new Object[] {"workspace", Jdbc.NULL_VARCHAR};
    }

    private static WorkspaceEvent event(WorkspaceId workspaceId, ResultSet rs) throws SQLException {
        String type = rs.getString("event_type");
        String audienceId = rs.getString("audience_id");
        EventAudience audience = switch (rs.getString("audience_kind")) {
            case "user" -> new EventAudience.AllSessionsOfUser(new UserId(audienceId));
            case "visitor" -> new EventAudience.AllSessionsOfVisitor(new VisitorId(audienceId));
            case "session" -> new EventAudience.OneSession(new SessionTokenHash(audienceId));
            default -> new EventAudience.WorkspaceOnly();
        };
        return new WorkspaceEvent(new EventId(rs.getLong("position")), workspaceId,
                EventType.byWireName(type).orElseThrow(() -> new IllegalStateException("unknown event type " + type)),
                Jdbc.instant(rs, "occurred_at"), audience, new EventData(rs.getString("data")));
    }
}
