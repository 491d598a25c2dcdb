package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.port.out.EraseUserPort;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * Erases a user with six {@code DELETE}s in one transaction (the caller's, or one of its own):
 * messages of the user's conversations, the conversations, every session of the user's visitors
 * (an authenticated session's visitor is always linked to its user, and an anonymous session of a
 * visitor that was upgraded later belongs to that visitor), the visitors, the custom data and the
 * user. Sessions are looked up in the database on every request, so they are dead on every node
 * the moment this commits. No other table holds user data: the failure log, consumed {@code jti}
 * hashes and rate-limit counters hold none.
 */
public final class JdbcUserErasure implements EraseUserPort {
    private final JdbcTransactions tx;

    public JdbcUserErasure(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Erased eraseUser(WorkspaceId workspaceId, UserId userId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        String ws = workspaceId.value();
        String user = userId.value();
        return tx.write(c -> {
            int messages = Jdbc.update(c, "DELETE FROM messages WHERE workspace_id = ? AND conversation_id IN"
                    + " (SELECT conversation_id FROM conversations WHERE workspace_id = ? AND owner_kind = 'user' AND owner_id = ?)",
                    ws, ws, user);
            int conversations = Jdbc.update(c, "DELETE FROM conversations WHERE workspace_id = ? AND owner_kind = 'user'"
                    + " AND owner_id = ?", ws, user);
            int sessions = Jdbc.update(c, "DELETE FROM sessions WHERE workspace_id = ? AND visitor_id IN"
                    + " (SELECT visitor_id FROM visitors WHERE workspace_id = ? AND user_id = ?)", ws, ws, user);
            int visitors = Jdbc.update(c, "DELETE FROM visitors WHERE workspace_id = ? AND user_id = ?", ws, user);
            Jdbc.update(c, "DELETE FROM user_custom_data WHERE workspace_id = ? AND user_id = ?", ws, user);
            int users = Jdbc.update(c, "DELETE FROM users WHERE workspace_id = ? AND user_id = ?", ws, user);
            return new Erased(users, visitors, sessions, conversations, messages);
        });
    }
}
