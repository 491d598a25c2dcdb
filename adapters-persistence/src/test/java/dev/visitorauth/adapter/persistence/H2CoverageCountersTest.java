package dev.visitorauth.adapter.persistence;

class H2CoverageCountersTest extends JdbcCoverageCountersContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
