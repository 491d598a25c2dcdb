package dev.visitorauth.adapter.persistence;

import dev.visitorauth.testing.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of every contract test: one migrated database per test class, provided by the concrete
 * subclass (H2 or PostgreSQL). Tests use fresh random ids, so they never see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {
    protected final MutableClock clock = MutableClock.stoppedAt("2026-03-01T12:00:00.123456Z");
    protected final AesGcmSecretCipher cipher = new AesGcmSecretCipher(masterKey());
    protected JdbcPersistence db;
    private TestDatabase database;

    /** The database this class runs on. */
    abstract TestDatabase openDatabase();

    /** The migrated data source under test. */
    DataSource dataSource() {
        return database.dataSource();
    }

    @BeforeAll
    void migrateAndBuildAdapters() {
        database = openDatabase();
        db = JdbcPersistence.create(dataSource(), cipher, clock);
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    /** A single value read with plain JDBC, bypassing the adapters. */
    protected Object rawValue(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    protected long rawCount(String sql, Object... params) throws SQLException {
        return ((Number) rawValue(sql, params)).longValue();
    }

    protected int rawUpdate(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            return Jdbc.update(c, sql, params);
        }
    }

    private static byte[] masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
