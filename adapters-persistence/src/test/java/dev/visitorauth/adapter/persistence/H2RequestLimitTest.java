package dev.visitorauth.adapter.persistence;

class H2RequestLimitTest extends JdbcRequestLimitContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
