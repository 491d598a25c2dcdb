package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The JDBC store of one contract test class (H2 or PostgreSQL): the migrated database, the adapter
 * over it, and plain-JDBC reads that bypass the adapter for the checks only a database can make.
 */
final class JdbcStore implements AutoCloseable {
    final AesGcmSecretCipher cipher = new AesGcmSecretCipher(masterKey());
    JdbcPersistence db;
    private TestDatabase database;

    /** Migrates {@code database} and builds the adapter over it; the store, as the application sees it. */
    Storage open(TestDatabase database, Clock clock) {
        this.database = database;
        db = JdbcPersistence.create(dataSource(), cipher, clock);
        return db.storage();
    }

    /** The migrated data source under test. */
    DataSource dataSource() {
        return database.dataSource();
    }

    /** A single value read with plain JDBC, bypassing the adapter. */
    Object rawValue(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    long rawCount(String sql, Object... params) throws SQLException {
        return ((Number) rawValue(sql, params)).longValue();
    }

    int rawUpdate(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            return Jdbc.update(c, sql, params);
        }
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }

    private static byte[] masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
