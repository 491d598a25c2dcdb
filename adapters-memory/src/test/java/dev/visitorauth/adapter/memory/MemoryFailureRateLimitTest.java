package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.contract.FailureRateLimitContractTest;
import java.time.Clock;
import java.time.Duration;

class MemoryFailureRateLimitTest extends FailureRateLimitContractTest {
    @Override
    protected Storage openStore(Clock clock) {
        return InMemoryStorage.create(clock);
    }

    @Override
    protected FailureRateLimitPort failureLimiter(int limit, Duration window) {
        return new InMemoryFailureRateLimiter(limit, window);
    }
}
