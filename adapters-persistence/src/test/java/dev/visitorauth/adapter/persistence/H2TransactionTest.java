package dev.visitorauth.adapter.persistence;

class H2TransactionTest extends JdbcTransactionContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
