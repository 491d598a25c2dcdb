package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.LifecycleContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;

class H2LifecycleTest extends LifecycleContractTest {
    @AutoClose
    private final JdbcStore jdbc = new JdbcStore();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(TestDatabase.h2(), clock);
    }
}
