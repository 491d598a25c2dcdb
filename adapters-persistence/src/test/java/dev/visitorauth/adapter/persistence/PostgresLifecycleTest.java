package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.LifecycleContractTest;
import java.time.Clock;

class PostgresLifecycleTest extends LifecycleContractTest {
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
