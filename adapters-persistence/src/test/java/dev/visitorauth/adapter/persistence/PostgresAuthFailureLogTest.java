package dev.visitorauth.adapter.persistence;

class PostgresAuthFailureLogTest extends AuthFailureLogContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
