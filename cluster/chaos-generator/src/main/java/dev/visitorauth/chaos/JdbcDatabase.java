package dev.visitorauth.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checker's view of the cluster's database (the primary, through the multi-host URL). */
final class JdbcDatabase implements Checker.Database, AutoCloseable {
    private static final int CHUNK = 500;

    private final Connection connection;
    private final String workspaceId;

    JdbcDatabase(String url, String user, String password, String workspaceId) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
        this.workspaceId = workspaceId;
    }

    @Override
    public Set<String> existing(String kind, String widget, Collection<String> keys) {
        String sql = switch (kind) {
            case "visitor" -> "SELECT visitor_id FROM visitors WHERE workspace_id = ? AND visitor_id = ANY (?)";
            case "session" -> "SELECT token_hash FROM sessions WHERE workspace_id = ? AND token_hash = ANY (?)";
            case "revokedSession" -> "SELECT token_hash FROM sessions WHERE workspace_id = ? AND token_hash = ANY (?) AND revoked_at IS NOT NULL";
            case "user" -> "SELECT external_id FROM users WHERE workspace_id = ? AND external_id = ANY (?)";
            case "cutoff" -> "SELECT external_id FROM users WHERE workspace_id = ? AND external_id = ANY (?) AND token_cutoff_at IS NOT NULL";
            case "conversation" -> "SELECT conversation_id FROM conversations WHERE workspace_id = ? AND conversation_id = ANY (?)";
            case "message" -> "SELECT message_id FROM messages WHERE workspace_id = ? AND message_id = ANY (?)";
            case "jti" -> "SELECT jti_hash FROM consumed_token_ids WHERE workspace_id = ? AND jti_hash = ANY (?) AND widget_id = ?";
            case "secret" -> "SELECT key_id FROM widget_secrets WHERE workspace_id = ? AND key_id = ANY (?) AND widget_id = ?";
            default -> throw new IllegalArgumentException(kind);
        };
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, workspaceId);
                ps.setArray(2, connection.createArrayOf("varchar", chunk.toArray()));
                if (sql.endsWith("widget_id = ?")) {
                    ps.setString(3, widget);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("checking " + kind + ": " + e.getMessage(), e);
            }
        }
        return found;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
