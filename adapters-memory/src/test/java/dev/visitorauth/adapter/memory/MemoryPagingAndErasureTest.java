package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.PagingAndErasureContractTest;
import java.time.Clock;

class MemoryPagingAndErasureTest extends PagingAndErasureContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
