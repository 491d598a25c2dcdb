package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL is the one the parent's binaries BOM selects. */
class PostgresVersionTest {

    @Test
    void contractTestsRunOnPostgresql17() throws Exception {
        try (Connection c = TestDatabase.sharedPostgres().getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            assertThat(Integer.parseInt(rs.getString(1)) / 10_000).isEqualTo(17);
        }
    }
}
