package dev.visitorauth.adapter.persistence;

class PostgresWebhookStoreTest extends WebhookStoreContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
