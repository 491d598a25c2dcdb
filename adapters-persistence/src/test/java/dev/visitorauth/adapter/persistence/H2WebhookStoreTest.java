package dev.visitorauth.adapter.persistence;

class H2WebhookStoreTest extends WebhookStoreContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
