package dev.visitorauth.adapter.persistence;

class PostgresTokenIdTest extends JdbcTokenIdContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
