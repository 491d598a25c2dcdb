package dev.visitorauth.adapter.persistence;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.SessionContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

class H2SessionTest extends SessionContractTest {
    @TempDir
    static Path directory;
    private final JdbcStore jdbc = new JdbcStore();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(TestDatabase.h2(directory), clock);
    }

    @Override
    protected void closeStore() {
        jdbc.close();
    }
}
