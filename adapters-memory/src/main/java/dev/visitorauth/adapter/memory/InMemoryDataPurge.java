package dev.visitorauth.adapter.memory;

import dev.visitorauth.adapter.memory.MemoryDatabase.Key;
import dev.visitorauth.application.port.out.PurgeExpiredDataPort;
import dev.visitorauth.application.port.out.RateLimitPort.RequestLimits;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.AuthFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data-lifecycle job's deletes over the in-memory tables, with the JDBC store's rules: expired
 * sessions, used token ids past their expiry and margin, ended request-limit windows, idle anonymous
 * visitors with their sessions, failures past {@link InMemoryAuthFailureLog#RETENTION}, old events
 * and old start-up counters. Deletes are final (not undone by a rollback), like the JDBC job's own
 * transactions.
 */
public final class InMemoryDataPurge implements PurgeExpiredDataPort {
    private final MemoryDatabase db;
    private final InMemoryEventLog events;
    private final InMemoryCoverageCounters coverage;
    private final RequestLimits requestLimits;

    InMemoryDataPurge(MemoryDatabase db, InMemoryEventLog events, InMemoryCoverageCounters coverage, RequestLimits requestLimits) {
        this.db = db;
        this.events = Objects.requireNonNull(events, "events");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
    }

    @Override
    public int deleteEventsBefore(Instant cutoff, int batchSize) {
        return events.deleteEventsBefore(cutoff, batchSize);
    }

    @Override
    public int deleteStartupCountsBefore(Instant hour, int batchSize) {
        return coverage.deleteCountsBefore(hour, batchSize);
    }

    @Override
    public int deleteExpiredSessions(Instant now, int batchSize) {
        return db.tx.locked(() -> MemoryDatabase.removeUpTo(db.sessions, batchSize, s -> !s.expiresAt().isAfter(now)));
    }

    @Override
    public int deleteExpiredTokenIds(Instant now, int batchSize) {
        Instant forgetBefore = now.minus(InMemoryTokenIds.EXPIRY_MARGIN);
        return db.tx.locked(() -> MemoryDatabase.removeUpTo(db.tokenIds, batchSize, expiresAt -> expiresAt.isBefore(forgetBefore)));
    }

    @Override
    public int deleteEndedRateLimitWindows(Instant now, int batchSize) {
        return db.tx.locked(() -> {
            int removed = 0;
            var it = db.rateWindows.entrySet().iterator();
            while (it.hasNext() && removed < batchSize) {
                var e = it.next();
                if (!e.getValue().start().plus(requestLimits.budget(e.getKey().limit()).window()).isAfter(now)) {
                    it.remove();
                    removed++;
                }
            }
            return removed;
        });
    }

    @Override
    public int deleteIdleAnonymousVisitors(Instant idleSince, Instant now, int batchSize) {
        return db.tx.locked(() -> {
            int removed = 0;
            var it = db.visitors.values().iterator();
            while (it.hasNext() && removed < batchSize) {
                Visitor v = it.next();
                if (!v.isAnonymous() || !v.lastSeenAt().isBefore(idleSince)) {
                    continue;
                }
                ConversationOwner owner = ConversationOwner.of(v);
                boolean talks = db.conversations.values().stream()
                        .anyMatch(c -> c.workspaceId().equals(v.workspaceId()) && c.owner().equals(owner));
                boolean live = db.sessions.values().stream().anyMatch(s -> s.workspaceId().equals(v.workspaceId())
                        && s.visitorId().equals(v.id()) && s.expiresAt().isAfter(now));
                if (talks || live) {
                    continue;
                }
                it.remove();
                db.sessions.values().removeIf(s -> s.workspaceId().equals(v.workspaceId()) && s.visitorId().equals(v.id()));
                removed++;
            }
            return removed;
        });
    }

    /** The failure log's age bound (the count bound holds on every record). */
    @Override
    public int trimAuthFailures(Instant now, int batchSize) {
        Instant cutoff = now.minus(InMemoryAuthFailureLog.RETENTION);
        return db.tx.locked(() -> {
            int removed = 0;
            for (Map.Entry<Key, List<AuthFailure>> e : db.failures.entrySet()) {
                List<AuthFailure> left = new ArrayList<>(e.getValue());
                var it = left.iterator();
                while (it.hasNext() && removed < batchSize) {
                    if (it.next().at().isBefore(cutoff)) {
                        it.remove();
                        removed++;
                    }
                }
                e.setValue(List.copyOf(left));
            }
            return removed;
        });
    }
}
