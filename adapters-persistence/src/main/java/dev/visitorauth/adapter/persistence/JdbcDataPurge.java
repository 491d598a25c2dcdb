package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.PurgeExpiredDataPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The data-lifecycle job's deletes, one bounded batch per call. Each batch is one short
 * transaction: select up to {@code batchSize} keys with {@code FOR UPDATE SKIP LOCKED} (rows another
 * node's batch holds are skipped, not waited for), then delete exactly those rows. Two nodes purging
 * at once therefore delete disjoint rows and count each row once.
 */
public final class JdbcDataPurge implements PurgeExpiredDataPort {
    private final JdbcTransactions tx;
    private final RateLimitPort.RequestLimits requestLimits;
    private final Duration failureWindow;
    private final JdbcAuthFailureLog authFailures;

    JdbcDataPurge(JdbcTransactions tx, RateLimitPort.RequestLimits requestLimits, Duration failureWindow,
                  JdbcAuthFailureLog authFailures) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
        this.failureWindow = Objects.requireNonNull(failureWindow, "failureWindow");
        this.authFailures = Objects.requireNonNull(authFailures, "authFailures");
    }

    @Override
    public int deleteExpiredSessions(Instant now, int batchSize) {
        return tx.write(c -> deleteBatch(c, "sessions", List.of("workspace_id", "token_hash"), "expires_at <= ?",
                List.of(micros(now)), batchSize));
    }

    @Override
    public int deleteExpiredTokenIds(Instant now, int batchSize) {
        long forgetBefore = micros(now.minus(JdbcTokenIdRegistry.EXPIRY_MARGIN));
        return tx.write(c -> deleteBatch(c, "consumed_token_ids", List.of("workspace_id", "widget_id", "jti_hash"),
                "expires_at < ?", List.of(forgetBefore), batchSize));
    }

    @Override
    public int deleteEndedRateLimitWindows(Instant now, int batchSize) {
        return tx.write(c -> {
            int deleted = 0;
            for (RateLimitPort.Limit limit : RateLimitPort.Limit.values()) {
                long endedBy = micros(now.minus(requestLimits.budget(limit).window()));
                deleted += deleteBatch(c, "rate_limits", List.of("limit_name", "key_hash"),
                        "limit_name = ? AND window_start <= ?", List.of(limit.wire(), endedBy), batchSize - deleted);
                if (deleted == batchSize) {
                    return deleted;
                }
            }
            return deleted + deleteBatch(c, "failure_rate_limits", List.of("widget_id", "client_key_hash"),
                    "window_start <= ?", List.of(micros(now.minus(failureWindow))), batchSize - deleted);
        });
    }

    @Override
    public int deleteIdleAnonymousVisitors(Instant idleSince, Instant now, int batchSize) {
        return tx.write(c -> {
            List<List<Object>> keys = lockBatch(c, "visitors v", List.of("workspace_id", "visitor_id"),
                    "v.user_id IS NULL AND v.last_seen_at < ?"
                            + " AND NOT EXISTS (SELECT 1 FROM conversations k WHERE k.workspace_id = v.workspace_id"
                            + " AND k.owner_kind = 'visitor' AND k.owner_id = v.visitor_id)"
                            + " AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.workspace_id = v.workspace_id"
                            + " AND s.visitor_id = v.visitor_id AND s.expires_at > ?)",
                    List.of(micros(idleSince), micros(now)), batchSize);
            deleteKeys(c, "sessions", List.of("workspace_id", "visitor_id"), keys);
            deleteKeys(c, "visitors", List.of("workspace_id", "visitor_id"), keys);
            return keys.size();
        });
    }

    @Override
    public int trimAuthFailures(Instant now, int batchSize) {
        int tooOld = tx.write(c -> deleteBatch(c, "auth_failures", List.of("workspace_id", "widget_id", "failure_id"),
                "at < ?", List.of(micros(now.minus(authFailures.retention()))), batchSize));
        return tooOld + authFailures.trimOverfullWidgets(batchSize);
    }

    @Override
    public int deleteEventsBefore(Instant cutoff, int batchSize) {
        return tx.write(c -> JdbcEventLog.deleteBefore(c, micros(cutoff), batchSize));
    }

    @Override
    public int deleteStartupCountsBefore(Instant hour, int batchSize) {
        return tx.write(c -> JdbcCoverageCounters.deleteBefore(c, micros(hour), batchSize));
    }

    static int deleteBatch(Connection c, String table, List<String> key, String where, List<Object> params,
                                   int batchSize) throws SQLException {
        List<List<Object>> keys = lockBatch(c, table, key, where, params, batchSize);
        deleteKeys(c, table, key, keys);
        return keys.size();
    }

    /** Up to {@code batchSize} keys of matching rows, locked; rows locked by others are skipped. */
    private static List<List<Object>> lockBatch(Connection c, String table, List<String> key, String where,
                                                List<Object> params, int batchSize) throws SQLException {
        if (batchSize <= 0) {
            return List.of();
        }
        Object[] bind = new Object[params.size() + 1];
        for (int i = 0; i < params.size(); i++) {
            bind[i] = params.get(i);
        }
        bind[params.size()] = batchSize;
        String alias = table.contains(" ") ? table.substring(table.indexOf(' ') + 1) + "." : "";
        String columns = String.join(", ", key.stream().map(k -> alias + k).toList());
        return Jdbc.query(c, "SELECT " + columns + " FROM " + table + " WHERE " + where
                + " LIMIT ? FOR UPDATE SKIP LOCKED", rs -> {
                    List<Object> row = new ArrayList<>(key.size());
                    for (int i = 1; i <= key.size(); i++) {
                        row.add(rs.getObject(i));
                    }
                    return row;
                }, bind);
    }

    private static void deleteKeys(Connection c, String table, List<String> key, List<List<Object>> keys)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String where = String.join(" AND ", key.stream().map(k -> k + " = ?").toList());
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + where)) {
            for (List<Object> row : keys) {
                Jdbc.bind(ps, row.toArray());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
