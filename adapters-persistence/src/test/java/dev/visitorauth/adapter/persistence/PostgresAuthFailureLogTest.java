package dev.visitorauth.adapter.persistence;

class PostgresAuthFailureLogTest extends JdbcAuthFailureLogContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
