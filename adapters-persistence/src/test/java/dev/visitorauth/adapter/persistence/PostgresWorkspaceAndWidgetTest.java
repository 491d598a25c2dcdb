package dev.visitorauth.adapter.persistence;

class PostgresWorkspaceAndWidgetTest extends WorkspaceAndWidgetContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
