package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.AdministrationContractTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The administration contract on a JDBC store, and the inbox query's plan. */
abstract class JdbcAdministrationContractTest extends AdministrationContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Test
    void theInboxQueryIsARangeScanOfItsIndexWithoutASort() throws Exception {
        assertThat(plan(JdbcConversationRepository.inboxSql(false, true), "ws", 1L, "c", 21))
                .containsIgnoringCase("ix_conversations_recent").doesNotContainIgnoringCase("Sort ");
        // By kind, H2's cost model may walk ix_conversations_recent and filter the kind on tiny tables: still
        // a range scan in the list's order. PostgreSQL (sequential scans off) takes the kind index.
        assertThat(plan(JdbcConversationRepository.inboxSql(true, true), "ws", "user", 1L, "c", 21))
                .containsPattern("(?i)ix_conversations_(kind_)?recent").doesNotContainIgnoringCase("Sort ");
        if (isPostgres()) {
            assertThat(plan(JdbcConversationRepository.inboxSql(true, true), "ws", "user", 1L, "c", 21))
                    .containsIgnoringCase("ix_conversations_kind_recent");
        }
    }

    private boolean isPostgres() throws Exception {
        try (Connection c = jdbc.dataSource().getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    /** The query's plan; on PostgreSQL with sequential scans off, so the tiny test tables show what the index can do. */
    private String plan(String sql, Object... params) throws Exception {
        try (Connection c = jdbc.dataSource().getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET enable_seqscan = off");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                Jdbc.bind(ps, params);
                StringBuilder text = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                }
                if (postgres) {
                    try (Statement s = c.createStatement()) {
                        s.execute("RESET enable_seqscan");
                    }
                }
                return text.toString();
            }
        }
    }
}
