package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.SessionContractTest;
import java.time.Clock;

class PostgresSessionTest extends SessionContractTest {
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
