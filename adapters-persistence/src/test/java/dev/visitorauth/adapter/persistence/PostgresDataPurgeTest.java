package dev.visitorauth.adapter.persistence;

class PostgresDataPurgeTest extends DataPurgeContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
