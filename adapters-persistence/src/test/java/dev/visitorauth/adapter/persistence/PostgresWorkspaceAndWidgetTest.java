package dev.visitorauth.adapter.persistence;

class PostgresWorkspaceAndWidgetTest extends JdbcWorkspaceAndWidgetContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
