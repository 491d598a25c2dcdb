package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.RateLimitPort.RequestLimits;
import dev.visitorauth.contract.RequestLimitContractTest;
import java.time.Clock;

class MemoryRequestLimitTest extends RequestLimitContractTest {
    private MemoryDatabase db;

    @Override
    protected Storage openStore(Clock clock) {
        db = new MemoryDatabase(new InMemoryTransactions(), clock);
        return InMemoryStorage.assemble(db, new InMemoryFailureRateLimiter(), RequestLimits.DEFAULTS);
    }

    /** A limiter in the store's transactions, as the store's own is. */
    @Override
    protected RateLimitPort requestLimiter(RequestLimits limits) {
        return new InMemoryRateLimiter(db, limits);
    }
}
