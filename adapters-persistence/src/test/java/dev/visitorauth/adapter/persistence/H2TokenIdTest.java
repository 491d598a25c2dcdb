package dev.visitorauth.adapter.persistence;

class H2TokenIdTest extends JdbcTokenIdContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
