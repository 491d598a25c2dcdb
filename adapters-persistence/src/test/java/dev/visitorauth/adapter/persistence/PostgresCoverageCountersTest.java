package dev.visitorauth.adapter.persistence;

class PostgresCoverageCountersTest extends JdbcCoverageCountersContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
