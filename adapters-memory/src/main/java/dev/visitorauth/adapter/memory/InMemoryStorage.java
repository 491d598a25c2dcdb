package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.SecureRandomPort;
import dev.visitorauth.application.Storage;
import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import java.time.Clock;
import java.util.List;

/**
 * The in-memory store as the application's {@link Storage}, and the shortest way to embed the core
 * with it: {@code InMemoryStorage.builder(verifier).build()}. Data lives as long as the process.
 * The store reads time from its clock where the ports pass none (forgetting used token ids, the
 * failure log's retention): a host that gives the core its own clock gives the store the same one,
 * {@code builder(verifier).clock(clock).storage(InMemoryStorage.create(clock))}.
 */
public final class InMemoryStorage {
    private InMemoryStorage() {
    }

    /**
     * A {@link VisitorAuthentication} builder over a fresh in-memory store and an in-process cursor
     * registry: what an embedding host that needs no durability starts from. Everything else keeps
     * the builder's defaults and can still be set.
     */
    public static VisitorAuthentication.Builder builder(VerifyVisitorTokenPort verifier) {
        return VisitorAuthentication.builder(verifier).storage(create()).cursors(new InMemoryCursorRegistry(new SecureRandomPort()));
    }

    /** A fresh in-memory store on the service's clock, with the default failure rate limit and request limits. */
    public static Storage create() {
        return create(VisitorAuthentication.systemClock());
    }

    /** A fresh in-memory store on {@code clock}, with the default limits. */
    public static Storage create(Clock clock) {
        return create(clock, new InMemoryFailureRateLimiter(), RateLimitPort.RequestLimits.DEFAULTS);
    }

    /** A fresh in-memory store whose failed verifications are limited by {@code rateLimit}. */
    public static Storage create(FailureRateLimitPort rateLimit) {
        return create(VisitorAuthentication.systemClock(), rateLimit, RateLimitPort.RequestLimits.DEFAULTS);
    }

    /** A fresh in-memory store with these limits. */
    public static Storage create(FailureRateLimitPort rateLimit, RateLimitPort.RequestLimits requestLimits) {
        return create(VisitorAuthentication.systemClock(), rateLimit, requestLimits);
    }

    /** A fresh in-memory store on {@code clock} with these limits. */
    public static Storage create(Clock clock, FailureRateLimitPort rateLimit, RateLimitPort.RequestLimits requestLimits) {
        return assemble(new MemoryDatabase(new InMemoryTransactions(), clock), rateLimit, requestLimits);
    }

    /** Every adapter over one database (so one transaction spans them all). */
    static Storage assemble(MemoryDatabase db, FailureRateLimitPort rateLimit, RateLimitPort.RequestLimits requestLimits) {
        InMemoryWorkspaces workspaces = new InMemoryWorkspaces(db);
        InMemoryWidgets widgets = new InMemoryWidgets(db);
        InMemoryUsers users = new InMemoryUsers(db);
        InMemoryVisitors visitors = new InMemoryVisitors(db);
        InMemoryConversations conversations = new InMemoryConversations(db);
        InMemorySessions sessions = new InMemorySessions(db);
        InMemoryAuthFailureLog failures = new InMemoryAuthFailureLog(db);
        InMemoryEventLog events = new InMemoryEventLog(db.tx);
        InMemoryCoverageCounters coverage = new InMemoryCoverageCounters(db.tx,
                (workspace, widget) -> db.failures.getOrDefault(new Key(workspace, widget.value()), List.of()));
        return new Storage(workspaces, workspaces, widgets, widgets, users, users, users, visitors, visitors, conversations,
                conversations, sessions, sessions, failures, failures, new InMemoryTokenIds(db), rateLimit, db.tx,
                new InMemoryRateLimiter(db, requestLimits), new InMemoryDataPurge(db, events, coverage, requestLimits),
                visitors, conversations, conversations, new InMemoryUserErasure(db), events, events, events,
                new Storage.CoverageCounters(coverage, coverage, coverage));
    }
}
