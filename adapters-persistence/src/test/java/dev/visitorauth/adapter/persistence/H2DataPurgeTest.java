package dev.visitorauth.adapter.persistence;

class H2DataPurgeTest extends JdbcDataPurgeContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
