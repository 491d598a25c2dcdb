package dev.visitorauth.adapter.persistence;

class PostgresLifecycleTest extends LifecycleContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
