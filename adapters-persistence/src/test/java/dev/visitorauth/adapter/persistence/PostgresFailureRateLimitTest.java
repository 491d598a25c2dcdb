package dev.visitorauth.adapter.persistence;

class PostgresFailureRateLimitTest extends FailureRateLimitContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
