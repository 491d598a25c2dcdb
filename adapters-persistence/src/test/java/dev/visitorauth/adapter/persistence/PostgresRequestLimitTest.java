package dev.visitorauth.adapter.persistence;

class PostgresRequestLimitTest extends JdbcRequestLimitContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
