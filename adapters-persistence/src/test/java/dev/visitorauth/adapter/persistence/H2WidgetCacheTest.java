package dev.visitorauth.adapter.persistence;

class H2WidgetCacheTest extends WidgetCacheContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
