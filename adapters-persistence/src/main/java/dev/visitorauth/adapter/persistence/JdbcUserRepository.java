package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;
import static dev.visitorauth.adapter.persistence.Jdbc.optionalInstant;
import static dev.visitorauth.adapter.persistence.Jdbc.optionalText;
import static dev.visitorauth.adapter.persistence.Jdbc.text;

import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.SaveUserPort;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Users and their custom data (one row per key). (workspace, external id) is unique in the
 * database; {@link #insertUserIfAbsent} relies on it with {@code INSERT ... ON CONFLICT DO NOTHING},
 * which neither fails nor aborts the surrounding transaction when a concurrent start-up created the
 * user first.
 */
public final class JdbcUserRepository implements LoadUserPort, SaveUserPort, SearchUsersPort {
    private static final String COLUMNS = "workspace_id, user_id, external_id, name, email, avatar, company_id, company_name,"
            + " last_applied_iat, created_at, updated_at, token_cutoff_at";
    private static final int MAX_ATTEMPTS = 3;

    /** A users row before its custom data is attached. */
    private record Row(WorkspaceId workspaceId, UserId id, ExternalUserId externalId, Optional<String> name,
                       Optional<String> email, Optional<String> avatar, Optional<String> companyId,
                       Optional<String> companyName, Optional<Instant> lastAppliedIat, Instant createdAt, Instant updatedAt,
                       Optional<Instant> tokenCutoff) {
        User toUser(Map<String, String> customData) {
            return User.restore(workspaceId, id, externalId,
                    new Profile(name, email, avatar, companyId, companyName, customData), lastAppliedIat, createdAt, updatedAt,
                    tokenCutoff);
        }
    }

    private final JdbcTransactions tx;

    public JdbcUserRepository(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public User insertUserIfAbsent(User user) {
        Objects.requireNonNull(user, "user");
        return tx.write(c -> {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Profile p = user.profile();
                int inserted = Jdbc.update(c, "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        user.workspaceId().value(), user.id().value(), user.externalId().value(), text(p.name()),
                        text(p.email()), text(p.avatar()), text(p.companyId()), text(p.companyName()),
                        micros(user.lastAppliedIssuedAt()), micros(user.createdAt()), micros(user.updatedAt()),
                        micros(user.tokenCutoff()));
                if (inserted == 1) {
                    insertCustomData(c, user);
                    return user;
                }
                Optional<User> existing = findByExternalId(c, user.workspaceId(), user.externalId());
                if (existing.isPresent()) {
                    return existing.get();
                }
                if (find(c, user.workspaceId(), user.id()).isPresent()) {
                    throw new IllegalStateException("user id " + user.id() + " is already used for another external id");
                }
                // The conflicting insert was rolled back after we saw it: try again.
            }
            throw new PersistenceUnavailableException("concurrent changes to the user; retry", null);
        });
    }

    @Override
    public void updateUser(User before, User user) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(user, "user");
        SaveUserPort.checkSameUser(before, user);
        tx.write(c -> {
            Profile p = user.profile();
            int updated = Jdbc.update(c, "UPDATE users SET name = ?, email = ?, avatar = ?, company_id = ?, company_name = ?,"
                            + " last_applied_iat = ?, updated_at = ?, token_cutoff_at = ?"
                            + " WHERE workspace_id = ? AND user_id = ? AND external_id = ?",
                    text(p.name()), text(p.email()), text(p.avatar()), text(p.companyId()), text(p.companyName()),
                    micros(user.lastAppliedIssuedAt()), micros(user.updatedAt()), micros(user.tokenCutoff()),
                    user.workspaceId().value(),
                    user.id().value(), user.externalId().value());
            if (updated == 0) {
                throw new IllegalStateException("no stored user " + user.id() + " with this external id");
            }
            if (!user.profile().customData().equals(before.profile().customData())) {
                Jdbc.update(c, "DELETE FROM user_custom_data WHERE workspace_id = ? AND user_id = ?",
                        user.workspaceId().value(), user.id().value());
                insertCustomData(c, user);
            }
            return null;
        });
    }

    @Override
    public Optional<User> findUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(externalId, "externalId");
        return tx.read(c -> findByExternalId(c, workspaceId, externalId));
    }

    /**
     * On PostgreSQL one round trip: {@code visitorauth_lock_user} (migration V12) locks the user's
     * row and then reads its custom data in a statement of its own, which sees what a concurrent
     * start-up that held the lock committed. (A single {@code FOR UPDATE} over a join with the custom
     * data lost those keys: READ COMMITTED re-reads only the locked row after a wait.) On H2 the lock
     * and the reads are separate statements.
     */
    @Override
    public Optional<User> lockUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(externalId, "externalId");
        return tx.read(c -> {
            if (tx.isPostgres(c)) {
                return lockedWithCustomData(c, workspaceId, externalId);
            }
            boolean exists = !Jdbc.query(c, "SELECT user_id FROM users WHERE workspace_id = ? AND external_id = ? FOR UPDATE",
                    rs -> rs.getString(1), workspaceId.value(), externalId.value()).isEmpty();
            return exists ? findByExternalId(c, workspaceId, externalId) : Optional.empty();
        });
    }

    private static Optional<User> lockedWithCustomData(Connection c, WorkspaceId ws, ExternalUserId externalId)
            throws SQLException {
        Row[] row = new Row[1];
        Map<String, String> data = new TreeMap<>();
        Jdbc.query(c, "SELECT * FROM visitorauth_lock_user(?, ?)", rs -> {
            if (row[0] == null) {
                row[0] = row(rs);
            }
            String key = rs.getString("data_key");
            if (key != null) {
                data.put(key, rs.getString("data_value"));
            }
            return null;
        }, ws.value(), externalId.value());
        return row[0] == null ? Optional.empty() : Optional.of(row[0].toUser(data));
    }

    @Override
    public Optional<User> findUser(WorkspaceId workspaceId, UserId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        return tx.read(c -> find(c, workspaceId, id));
    }

    /**
     * Matches {@code query} case-insensitively ({@code LOWER} in the database, {@link Locale#ROOT}
     * here) as a substring of external id, name or email; orders by external id in the database's
     * collation; the cursor is the last external id of the previous page.
     */
    @Override
    public UserPage searchUsers(WorkspaceId workspaceId, String query, int limit, Optional<String> after) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1 to 100");
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM users WHERE workspace_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(workspaceId.value());
        if (after.isPresent()) {
            sql.append(" AND external_id > ?");
            params.add(after.get());
        }
        if (!query.isEmpty()) {
            String pattern = "%" + escapeLike(query.toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (LOWER(external_id) LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(email) LIKE ? ESCAPE '\\')");
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        sql.append(" ORDER BY external_id LIMIT ?");
        params.add(limit + 1);
        return tx.read(c -> {
            List<Row> rows = Jdbc.query(c, sql.toString(), JdbcUserRepository::row, params.toArray());
            boolean more = rows.size() > limit;
            List<Row> page = more ? rows.subList(0, limit) : rows;
            List<User> users = withCustomData(c, workspaceId, page);
            Optional<String> next = more ? Optional.of(page.get(page.size() - 1).externalId().value()) : Optional.empty();
            return new UserPage(users, next);
        });
    }

    private Optional<User> findByExternalId(Connection c, WorkspaceId ws, ExternalUserId externalId) throws SQLException {
        List<Row> rows = Jdbc.query(c, "SELECT " + COLUMNS + " FROM users WHERE workspace_id = ? AND external_id = ?",
                JdbcUserRepository::row, ws.value(), externalId.value());
        return withCustomData(c, ws, rows).stream().findFirst();
    }

    private Optional<User> find(Connection c, WorkspaceId ws, UserId id) throws SQLException {
        List<Row> rows = Jdbc.query(c, "SELECT " + COLUMNS + " FROM users WHERE workspace_id = ? AND user_id = ?",
                JdbcUserRepository::row, ws.value(), id.value());
        return withCustomData(c, ws, rows).stream().findFirst();
    }

    private static List<User> withCustomData(Connection c, WorkspaceId ws, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "SELECT user_id, data_key, data_value FROM user_custom_data WHERE workspace_id = ? AND user_id IN (");
        List<Object> params = new ArrayList<>();
        params.add(ws.value());
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            params.add(rows.get(i).id().value());
        }
        sql.append(")");
        Map<String, Map<String, String>> data = new HashMap<>();
        Jdbc.query(c, sql.toString(), rs -> data.computeIfAbsent(rs.getString("user_id"), k -> new TreeMap<>())
                .put(rs.getString("data_key"), rs.getString("data_value")), params.toArray());
        List<User> users = new ArrayList<>(rows.size());
        for (Row r : rows) {
            users.add(r.toUser(data.getOrDefault(r.id().value(), Map.of())));
        }
        return users;
    }

    private static void insertCustomData(Connection c, User user) throws SQLException {
        Map<String, String> data = user.profile().customData();
        if (data.isEmpty()) {
            return;
        }
        try (var ps = c.prepareStatement(
                "INSERT INTO user_custom_data (workspace_id, user_id, data_key, data_value) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : data.entrySet()) {
                Jdbc.bind(ps, user.workspaceId().value(), user.id().value(), e.getKey(), e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(new WorkspaceId(rs.getString("workspace_id")), new UserId(rs.getString("user_id")),
                new ExternalUserId(rs.getString("external_id")), optionalText(rs, "name"), optionalText(rs, "email"),
                optionalText(rs, "avatar"), optionalText(rs, "company_id"), optionalText(rs, "company_name"),
                optionalInstant(rs, "last_applied_iat"), instant(rs, "created_at"), instant(rs, "updated_at"),
                optionalInstant(rs, "token_cutoff_at"));
    }

    private static String escapeLike(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' || ch == '%' || ch == '_') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }
}
