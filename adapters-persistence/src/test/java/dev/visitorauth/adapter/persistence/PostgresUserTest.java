package dev.visitorauth.adapter.persistence;

class PostgresUserTest extends UserContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
