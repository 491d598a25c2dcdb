package dev.visitorauth.adapter.persistence;

class PostgresAdministrationTest extends JdbcAdministrationContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
