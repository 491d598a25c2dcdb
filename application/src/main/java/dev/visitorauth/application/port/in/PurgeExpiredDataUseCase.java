package dev.visitorauth.application.port.in;

import java.time.Duration;
import java.util.Objects;

/**
 * The data-lifecycle job of spec section 8, one run: deletes expired sessions, consumed token ids
 * past their expiry, ended rate-limit windows, anonymous visitors idle for {@code idleVisitorAge}
 * with no conversation, and failure-log records beyond its bound, in batches of {@code batchSize}
 * rows until a batch comes back short (at most {@link #MAX_BATCHES_PER_KIND} batches per kind and
 * run, so a run always ends). Safe to run on several nodes at once. Never refused.
 */
public interface PurgeExpiredDataUseCase {
    /** Batches per kind of data and run; the next run carries on. */
    int MAX_BATCHES_PER_KIND = 100;

    PurgeReport purge(PurgeCommand command);

    /**
     * @param idleVisitorAge how long an anonymous visitor without conversations may go unseen (spec default: 30 days)
     * @param batchSize      rows per statement, 1 to 10,000
     */
    record PurgeCommand(Duration idleVisitorAge, int batchSize) {
        public PurgeCommand {
            Objects.requireNonNull(idleVisitorAge, "idleVisitorAge");
            if (idleVisitorAge.isNegative() || idleVisitorAge.isZero()) {
                throw new IllegalArgumentException("idleVisitorAge must be positive");
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1 to 10000");
            }
        }
    }

    /** How many rows of each kind one run deleted. */
    record PurgeReport(long sessions, long tokenIds, long rateLimitWindows, long anonymousVisitors, long authFailures,
                       long events, long startupCounters) {
        /** A report with no coverage counters deleted. */
        public PurgeReport(long sessions, long tokenIds, long rateLimitWindows, long anonymousVisitors, long authFailures,
                           long events) {
            this(sessions, tokenIds, rateLimitWindows, anonymousVisitors, authFailures, events, 0);
        }

        public long total() {
            return sessions + tokenIds + rateLimitWindows + anonymousVisitors + authFailures + events + startupCounters;
        }
    }
}
