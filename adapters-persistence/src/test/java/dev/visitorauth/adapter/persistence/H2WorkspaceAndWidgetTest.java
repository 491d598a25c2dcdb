package dev.visitorauth.adapter.persistence;

class H2WorkspaceAndWidgetTest extends JdbcWorkspaceAndWidgetContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
