package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.Storage;
import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.RateLimitPort.RequestLimits;
import dev.visitorauth.contract.AdministrationContractTest;
import dev.visitorauth.contract.AuthFailureLogContractTest;
import dev.visitorauth.contract.ConversationContractTest;
import dev.visitorauth.contract.CoverageCountersContractTest;
import dev.visitorauth.contract.DataPurgeContractTest;
import dev.visitorauth.contract.EventLogContractTest;
import dev.visitorauth.contract.FailureRateLimitContractTest;
import dev.visitorauth.contract.LifecycleContractTest;
import dev.visitorauth.contract.PagingAndErasureContractTest;
import dev.visitorauth.contract.RequestLimitContractTest;
import dev.visitorauth.contract.SessionContractTest;
import dev.visitorauth.contract.TokenIdContractTest;
import dev.visitorauth.contract.TransactionContractTest;
import dev.visitorauth.contract.UserContractTest;
import dev.visitorauth.contract.VisitorContractTest;
import dev.visitorauth.contract.WorkspaceAndWidgetContractTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** Every store contract suite on the in-memory store, one nested class per suite. */
class MemoryStoreTest {
    @Nested class Administration extends AdministrationContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class AuthFailureLog extends AuthFailureLogContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class Conversation extends ConversationContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class CoverageCounters extends CoverageCountersContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class DataPurge extends DataPurgeContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class EventLog extends EventLogContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class Lifecycle extends LifecycleContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class PagingAndErasure extends PagingAndErasureContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class Session extends SessionContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class TokenId extends TokenIdContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class Transaction extends TransactionContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class User extends UserContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class Visitor extends VisitorContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested class WorkspaceAndWidget extends WorkspaceAndWidgetContractTest {
        @Override protected Storage openStore(Clock clock) { return InMemoryStorage.create(clock); }
    }

    @Nested
    class FailureRateLimit extends FailureRateLimitContractTest {
        @Override
        protected Storage openStore(Clock clock) {
            return InMemoryStorage.create(clock);
        }

        @Override
        protected FailureRateLimitPort failureLimiter(int limit, Duration window) {
            return new InMemoryFailureRateLimiter(limit, window);
        }
    }

    @Nested
    class RequestLimit extends RequestLimitContractTest {
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
}
