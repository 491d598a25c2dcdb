package dev.visitorauth.adapter.persistence;

class PostgresConversationTest extends ConversationContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
