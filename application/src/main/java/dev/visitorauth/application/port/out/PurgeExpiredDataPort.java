package dev.visitorauth.application.port.out;

import java.time.Instant;

/**
 * Deletes data that serves nothing any more, one bounded batch per call, each batch in a short
 * transaction of its own. Safe to call from several nodes at once: concurrent batches delete
 * disjoint rows (or wait for each other), and no row is counted twice.
 */
public interface PurgeExpiredDataPort {

    /** Deletes up to {@code batchSize} sessions that expired before {@code now}; returns how many. */
    int deleteExpiredSessions(Instant now, int batchSize);

    /** Deletes up to {@code batchSize} consumed token ids whose token can no longer be accepted at {@code now}. */
    int deleteExpiredTokenIds(Instant now, int batchSize);

    /** Deletes up to {@code batchSize} rate-limit windows (request and failed-verification limits) that ended by {@code now}. */
    int deleteEndedRateLimitWindows(Instant now, int batchSize);

    /**
     * Deletes up to {@code batchSize} anonymous visitors last seen before {@code idleSince} that own
     * no conversation and have no session alive at {@code now}, with their sessions. Linked visitors
     * are never deleted here.
     */
    int deleteIdleAnonymousVisitors(Instant idleSince, Instant now, int batchSize);

    /**
     * Deletes up to {@code batchSize} failure-log records beyond the log's bound (too old at
     * {@code now}, or beyond the newest that a widget keeps).
     */
    int trimAuthFailures(Instant now, int batchSize);

    /**
     * Deletes up to {@code batchSize} workspace events that occurred before {@code cutoff} (the event
     * log keeps 24 hours for replay); returns how many.
     */
    int deleteEventsBefore(Instant cutoff, int batchSize);

    /**
     * Deletes up to {@code batchSize} coverage counters of hours that started before {@code hour}
     * (the counters keep 720 hours); returns how many.
     */
    int deleteStartupCountsBefore(Instant hour, int batchSize);
}
