package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.ConcurrentChangeException;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.SaveVisitorPort;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.application.port.out.Slice;
import java.util.ArrayList;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Visitors. The database guards the model's invariant too: a stored visitor linked to a user is
 * never overwritten as anonymous or as linked to another user, even by a concurrent start-up that
 * read it before it was linked (that save fails with {@link ConcurrentChangeException}, and
 * a retry sees the visitor as it now is).
 */
public final class JdbcVisitorRepository implements LoadVisitorPort, SaveVisitorPort, PageVisitorsPort {
    private static final String COLUMNS = "workspace_id, visitor_id, widget_id, user_id, created_at, last_seen_at";

    private final JdbcTransactions tx;

    public JdbcVisitorRepository(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** One INSERT: the row is new by construction (issue 12: no UPDATE tried first). */
    @Override
    public void createVisitor(Visitor v) {
        Objects.requireNonNull(v, "visitor");
        Object user = v.user().<Object>map(UserId::value).orElse(Jdbc.NULL_VARCHAR);
        tx.write(c -> Jdbc.update(c, "INSERT INTO visitors (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                v.workspaceId().value(), v.id().value(), v.widgetId().value(), user, micros(v.createdAt()),
                micros(v.lastSeenAt())));
    }

    @Override
    public void saveVisitor(Visitor v) {
        Objects.requireNonNull(v, "visitor");
        Object user = v.user().<Object>map(UserId::value).orElse(Jdbc.NULL_VARCHAR);
        String ws = v.workspaceId().value();
        // The guard: only an anonymous row, or one already linked to this same user, is replaced.
        String update = v.user().isPresent()
                ? "UPDATE visitors SET widget_id = ?, user_id = ?, created_at = ?, last_seen_at = ?"
                        + " WHERE workspace_id = ? AND visitor_id = ? AND (user_id IS NULL OR user_id = ?)"
                : "UPDATE visitors SET widget_id = ?, user_id = ?, created_at = ?, last_seen_at = ?"
                        + " WHERE workspace_id = ? AND visitor_id = ? AND user_id IS NULL";
        Object[] updateParams = v.user().isPresent()
                ? new Object[] {v.widgetId().value(), user, micros(v.createdAt()), micros(v.lastSeenAt()), ws, v.id().value(),
                        user}
                : new Object[] {v.widgetId().value(), user, micros(v.createdAt()), micros(v.lastSeenAt()), ws, v.id().value()};
        boolean saved = tx.write(c -> Jdbc.updateOrInsert(c, update, updateParams,
                "INSERT INTO visitors (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                new Object[] {ws, v.id().value(), v.widgetId().value(), user, micros(v.createdAt()), micros(v.lastSeenAt())}));
        if (!saved) {
            throw new ConcurrentChangeException("the visitor was linked to another user concurrently; retry");
        }
    }

    @Override
    public Optional<Visitor> findVisitor(WorkspaceId workspaceId, VisitorId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM visitors WHERE workspace_id = ? AND visitor_id = ?",
                JdbcVisitorRepository::visitor, workspaceId.value(), id.value()));
    }

    /** One statement: the visitor joined with its user's external id. */
    @Override
    public Optional<OwnedVisitor> findVisitorWithOwner(WorkspaceId workspaceId, VisitorId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT v.workspace_id, v.visitor_id, v.widget_id, v.user_id, v.created_at,"
                        + " v.last_seen_at, u.external_id FROM visitors v LEFT JOIN users u"
                        + " ON u.workspace_id = v.workspace_id AND u.user_id = v.user_id"
                        + " WHERE v.workspace_id = ? AND v.visitor_id = ?",
                rs -> new OwnedVisitor(visitor(rs), Jdbc.optionalText(rs, "external_id").map(ExternalUserId::new)),
                workspaceId.value(), id.value()));
    }

    @Override
    public List<Visitor> visitorsOf(WorkspaceId workspaceId, UserId userId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        return tx.read(c -> Jdbc.query(c, "SELECT " + COLUMNS + " FROM visitors WHERE workspace_id = ? AND user_id = ?"
                        + " ORDER BY created_at, visitor_id",
                JdbcVisitorRepository::visitor, workspaceId.value(), userId.value()));
    }

    private static Visitor visitor(ResultSet rs) throws SQLException {
        return Visitor.restore(new WorkspaceId(rs.getString("workspace_id")), new WidgetId(rs.getString("widget_id")),
                new VisitorId(rs.getString("visitor_id")), Jdbc.optionalText(rs, "user_id").map(UserId::new),
                instant(rs, "created_at"), instant(rs, "last_seen_at"));
    }

    /**
     * Recent first: {@code (last_seen_at, visitor_id)} descending; created first:
     * {@code (created_at, visitor_id)} ascending; keyset reads from the previous page's last key.
     */
    @Override
    public Slice<Visitor> pageVisitorsOf(WorkspaceId workspaceId, UserId userId, ListOrder order, int limit,
                                         Optional<Keyset> after) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(after, "after");
        JdbcConversationRepository.checkLimit(limit);
        boolean recent = order == ListOrder.RECENT_FIRST;
        String at = recent ? "last_seen_at" : "created_at";
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM visitors WHERE workspace_id = ? AND user_id = ?");
        List<Object> params = new ArrayList<>(List.of(workspaceId.value(), userId.value()));
        if (after.isPresent()) {
            sql.append(" AND (").append(at).append(", visitor_id) ").append(recent ? "<" : ">").append(" (?, ?)");
            params.add(micros(after.get().at()));
            params.add(after.get().id());
        }
        String direction = recent ? " DESC" : "";
        sql.append(" ORDER BY ").append(at).append(direction).append(", visitor_id").append(direction).append(" LIMIT ?");
        params.add(limit + 1);
        List<Visitor> rows = tx.read(c -> Jdbc.query(c, sql.toString(), JdbcVisitorRepository::visitor, params.toArray()));
        boolean more = rows.size() > limit;
        List<Visitor> page = more ? rows.subList(0, limit) : rows;
        Optional<Keyset> next = Optional.empty();
        if (more) {
            Visitor last = page.get(page.size() - 1);
            next = Optional.of(new Keyset(recent ? last.lastSeenAt() : last.createdAt(), last.id().value()));
        }
        return new Slice<>(page, next);
    }

    @Override
    public long countVisitorsOf(WorkspaceId workspaceId, UserId userId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM visitors WHERE workspace_id = ? AND user_id = ?",
                rs -> rs.getLong(1), workspaceId.value(), userId.value()).orElse(0L));
    }
}
