package dev.visitorauth.adapter.persistence;

class PostgresRequestLimitTest extends RequestLimitContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
