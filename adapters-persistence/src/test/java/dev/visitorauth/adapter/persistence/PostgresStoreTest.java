package dev.visitorauth.adapter.persistence;

/** Every store suite ({@link JdbcStoreSuites}) on PostgreSQL (embedded, or {@code -Dvisitorauth.test.postgresUrl=...}). */
class PostgresStoreTest extends JdbcStoreSuites {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
