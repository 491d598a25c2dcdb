package dev.visitorauth.adapter.persistence;

class H2AdministrationTest extends JdbcAdministrationContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
