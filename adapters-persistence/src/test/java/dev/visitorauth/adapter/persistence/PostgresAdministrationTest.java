package dev.visitorauth.adapter.persistence;

class PostgresAdministrationTest extends AdministrationContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
