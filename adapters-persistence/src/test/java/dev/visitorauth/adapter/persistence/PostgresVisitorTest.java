package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.VisitorContractTest;
import java.time.Clock;

class PostgresVisitorTest extends VisitorContractTest {
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
