package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.RateKey;
import dev.visitorauth.adapter.memory.MemoryDatabase.RateWindow;
import dev.visitorauth.application.port.out.RateLimitPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Request limits in fixed windows per limit and key, like the JDBC store's; a count inside a transaction that rolls back is undone. */
public final class InMemoryRateLimiter implements RateLimitPort {
    private final MemoryDatabase db;
    private final RequestLimits requestLimits;

    InMemoryRateLimiter(MemoryDatabase db, RequestLimits requestLimits) {
        this.db = db;
        this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
    }

    @Override
    public Optional<Duration> acquire(Limit limit, String key, Instant now) {
        Budget budget = requestLimits.budget(limit);
        return db.tx.locked(() -> {
            RateKey k = new RateKey(limit, key);
            RateWindow w = db.rateWindows.get(k);
            if (w == null || !w.start().plus(budget.window()).isAfter(now)) {
                w = new RateWindow(now, 0);
            }
            if (w.hits() >= budget.max()) {
                return Optional.of(Duration.between(now, w.start().plus(budget.window())));
            }
            db.put(db.rateWindows, k, new RateWindow(w.start(), w.hits() + 1));
            return Optional.<Duration>empty();
        });
    }
}
