package dev.visitorauth.adapter.persistence;

class H2FailureRateLimitTest extends JdbcFailureRateLimitContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
