package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.SessionContractTest;
import java.time.Clock;

class MemorySessionTest extends SessionContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
