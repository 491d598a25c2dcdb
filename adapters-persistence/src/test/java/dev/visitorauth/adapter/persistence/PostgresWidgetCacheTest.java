package dev.visitorauth.adapter.persistence;

class PostgresWidgetCacheTest extends WidgetCacheContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
