package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.AuthFailureLogContractTest;
import java.time.Clock;

class MemoryAuthFailureLogTest extends AuthFailureLogContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }
}
