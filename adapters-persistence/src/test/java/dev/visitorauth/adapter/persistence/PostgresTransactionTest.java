package dev.visitorauth.adapter.persistence;

class PostgresTransactionTest extends TransactionContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
