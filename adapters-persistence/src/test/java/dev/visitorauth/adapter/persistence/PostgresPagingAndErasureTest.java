package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.PagingAndErasureContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;

class PostgresPagingAndErasureTest extends PagingAndErasureContractTest {
    @AutoClose
    private final JdbcStore jdbc = new JdbcStore();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(TestDatabase.postgres(), clock);
    }
}
