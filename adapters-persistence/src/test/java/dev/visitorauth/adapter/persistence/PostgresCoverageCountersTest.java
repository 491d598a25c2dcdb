package dev.visitorauth.adapter.persistence;

class PostgresCoverageCountersTest extends CoverageCountersContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
