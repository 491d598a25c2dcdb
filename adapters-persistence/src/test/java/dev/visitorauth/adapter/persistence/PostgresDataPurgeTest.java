package dev.visitorauth.adapter.persistence;

class PostgresDataPurgeTest extends JdbcDataPurgeContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
