package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.ConversationContractTest;
import java.time.Clock;

class PostgresConversationTest extends ConversationContractTest {
    private final JdbcStore jdbc = new JdbcStore();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(TestDatabase.postgres(), clock);
    }

    @Override
    protected void closeStore() {
        jdbc.close();
    }
}
