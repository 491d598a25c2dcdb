package dev.visitorauth.adapter.persistence;

class PostgresSessionTest extends SessionContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
