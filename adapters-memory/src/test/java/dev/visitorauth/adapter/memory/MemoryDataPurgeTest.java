package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.DataPurgeContractTest;
import java.time.Clock;

class MemoryDataPurgeTest extends DataPurgeContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
