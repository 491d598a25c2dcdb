package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.TransactionContractTest;
import java.time.Clock;

class MemoryTransactionTest extends TransactionContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
