package dev.visitorauth.adapter.persistence;

class H2AuthFailureLogTest extends JdbcAuthFailureLogContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
