package dev.visitorauth.adapter.persistence;

class PostgresTokenIdTest extends TokenIdContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
