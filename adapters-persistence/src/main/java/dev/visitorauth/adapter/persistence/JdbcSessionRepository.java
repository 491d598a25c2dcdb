package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.LoadSessionPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Widget sessions, keyed by workspace and the hash of their bearer token (the token itself is
 * never stored). Expired sessions are deleted by the data-lifecycle job ({@link JdbcDataPurge}),
 * not on the start-up path.
 */
public final class JdbcSessionRepository implements LoadSessionPort, SaveSessionPort {
    private static final String COLUMNS = "workspace_id, token_hash, widget_id, visitor_id, user_id, created_at, expires_at,"
            + " revoked_at";

    private final JdbcTransactions tx;

    public JdbcSessionRepository(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** One INSERT: the row is new by construction (issue 12: no UPDATE tried first). */
    @Override
    public void createSession(Session s) {
        Objects.requireNonNull(s, "session");
        Object user = s.userId().<Object>map(UserId::value).orElse(Jdbc.NULL_VARCHAR);
        tx.write(c -> Jdbc.update(c, "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                s.workspaceId().value(), s.tokenHash().value(), s.widgetId().value(), s.visitorId().value(), user,
                micros(s.createdAt()), micros(s.expiresAt()), micros(s.revokedAt())));
    }

    @Override
    public void saveSession(Session s) {
        Objects.requireNonNull(s, "session");
        String ws = s.workspaceId().value();
        Object user = s.userId().<Object>map(UserId::value).orElse(Jdbc.NULL_VARCHAR);
        tx.write(c -> {
            Jdbc.updateOrInsert(c,
                    "UPDATE sessions SET widget_id = ?, visitor_id = ?, user_id = ?, created_at = ?, expires_at = ?,"
                            + " revoked_at = ? WHERE workspace_id = ? AND token_hash = ?",
                    new Object[] {s.widgetId().value(), s.visitorId().value(), user, micros(s.createdAt()),
                            micros(s.expiresAt()), micros(s.revokedAt()), ws, s.tokenHash().value()},
                    "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    new Object[] {ws, s.tokenHash().value(), s.widgetId().value(), s.visitorId().value(), user,
                            micros(s.createdAt()), micros(s.expiresAt()), micros(s.revokedAt())});
            return null;
        });
    }

    @Override
    public int revokeSessionsOf(WorkspaceId workspaceId, VisitorId visitorId, Instant now) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(now, "now");
        return tx.write(c -> Jdbc.update(c, "UPDATE sessions SET revoked_at = ?"
                        + " WHERE workspace_id = ? AND visitor_id = ? AND revoked_at IS NULL",
                micros(now), workspaceId.value(), visitorId.value()));
    }

    /** The user's sessions are its visitors' ({@code ix_visitors_user} then {@code ix_sessions_visitor}). */
    @Override
    public int revokeSessionsOfUser(WorkspaceId workspaceId, UserId userId, Instant now) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        return tx.write(c -> Jdbc.update(c, "UPDATE sessions SET revoked_at = ?"
                        + " WHERE workspace_id = ? AND revoked_at IS NULL AND expires_at > ? AND visitor_id IN"
                        + " (SELECT visitor_id FROM visitors WHERE workspace_id = ? AND user_id = ?)",
                micros(now), workspaceId.value(), micros(now), workspaceId.value(), userId.value()));
    }

    @Override
    public Optional<Session> findSession(WorkspaceId workspaceId, SessionTokenHash tokenHash) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(tokenHash, "tokenHash");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM sessions WHERE workspace_id = ? AND token_hash = ?",
                JdbcSessionRepository::session, workspaceId.value(), tokenHash.value()));
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(new SessionTokenHash(rs.getString("token_hash")), new WorkspaceId(rs.getString("workspace_id")),
                new WidgetId(rs.getString("widget_id")), new VisitorId(rs.getString("visitor_id")),
                Jdbc.optionalText(rs, "user_id").map(UserId::new), instant(rs, "created_at"), instant(rs, "expires_at"),
                Jdbc.optionalInstant(rs, "revoked_at"));
    }
}
