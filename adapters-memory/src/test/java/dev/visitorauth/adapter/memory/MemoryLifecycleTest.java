package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.LifecycleContractTest;
import java.time.Clock;

class MemoryLifecycleTest extends LifecycleContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
