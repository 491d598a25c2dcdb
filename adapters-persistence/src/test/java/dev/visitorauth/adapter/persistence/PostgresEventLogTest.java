package dev.visitorauth.adapter.persistence;

class PostgresEventLogTest extends EventLogContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
