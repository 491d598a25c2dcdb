package dev.visitorauth.adapter.persistence;

class PostgresFailureRateLimitTest extends JdbcFailureRateLimitContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
