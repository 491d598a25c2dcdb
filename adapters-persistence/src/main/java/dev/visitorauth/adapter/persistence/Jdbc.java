package dev.visitorauth.adapter.persistence;

import dev.visitorauth.domain.Hashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC helpers shared by the repositories: parameter binding, row mapping and the time
 * encoding (BIGINT microseconds since the epoch, instants truncated towards the past).
 */
final class Jdbc {
    /** A typed SQL NULL parameter. */
    record Null(int sqlType) {
    }

    static final Null NULL_BIGINT = new Null(Types.BIGINT);
    static final Null NULL_VARCHAR = new Null(Types.VARCHAR);

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    /** Microseconds since the epoch; sub-microsecond digits are dropped (floor). */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    static Object micros(Optional<Instant> instant) {
        return instant.<Object>map(Jdbc::micros).orElse(NULL_BIGINT);
    }

    static Object text(Optional<String> value) {
        return value.<Object>map(v -> v).orElse(NULL_VARCHAR);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getLong(column));
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(instant(v));
    }

    static Optional<String> optionalText(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(c, sql, mapper, params);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p instanceof Null n) {
                ps.setNull(index, n.sqlType());
            } else if (p instanceof String s) {
                ps.setString(index, s);
            } else if (p instanceof Long l) {
                ps.setLong(index, l);
            } else if (p instanceof Integer n) {
                ps.setInt(index, n);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(index, b);
            } else if (p instanceof byte[] bytes) {
                ps.setBytes(index, bytes);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + (p == null ? "null" : p.getClass()));
            }
        }
    }

    /** SHA-256 of the UTF-8 bytes, as 64 lower-case hex digits. */
    static String sha256Hex(String value) {
        return Hashes.sha256Hex(value);
    }

    /**
     * Updates the row, or inserts it when there is none. Portable and safe under concurrency: the
     * insert is {@code ON CONFLICT DO NOTHING}, and a lost insert race retries the update.
     *
     * @return true when a row was updated or inserted; false when the update matched nothing
     *         (e.g. its guard failed) and the insert found the row already there
     */
    static boolean updateOrInsert(Connection c, String updateSql, Object[] updateParams, String insertSql,
                                  Object[] insertParams) throws SQLException {
        if (update(c, updateSql, updateParams) > 0) {
            return true;
        }
        if (update(c, insertSql, insertParams) > 0) {
            return true;
        }
        return update(c, updateSql, updateParams) > 0;
    }
}
