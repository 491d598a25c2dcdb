package dev.visitorauth.adapter.persistence;

class PostgresTransactionTest extends JdbcTransactionContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
