package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.CoverageCountersContractTest;
import java.time.Clock;

class MemoryCoverageCountersTest extends CoverageCountersContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
