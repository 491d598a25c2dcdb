package dev.visitorauth.adapter.persistence;

class PostgresVisitorTest extends VisitorContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
