package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase;
import dev.visitorauth.application.port.out.PurgeExpiredDataPort;
import java.time.Clock;
import dev.visitorauth.domain.coverage.Coverage;
import dev.visitorauth.domain.coverage.FailureSpikeRule;
import dev.visitorauth.domain.event.WorkspaceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.IntSupplier;

/** The data-lifecycle job (spec section 8): bounded batches over {@link PurgeExpiredDataPort}. */
public final class DataLifecycleService implements PurgeExpiredDataUseCase {
    private final PurgeExpiredDataPort store;
    private final Clock clock;

    public DataLifecycleService(PurgeExpiredDataPort store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PurgeReport purge(PurgeCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        int batch = command.batchSize();
        Instant idleSince = now.minus(command.idleVisitorAge());
        long sessions = drain(batch, () -> store.deleteExpiredSessions(now, batch));
        long tokenIds = drain(batch, () -> store.deleteExpiredTokenIds(now, batch));
        long windows = drain(batch, () -> store.deleteEndedRateLimitWindows(now, batch));
        long visitors = drain(batch, () -> store.deleteIdleAnonymousVisitors(idleSince, now, batch));
        long failures = drain(batch, () -> store.trimAuthFailures(now, batch));
        Instant eventCutoff = now.minus(WorkspaceEvent.RETENTION);
        long events = drain(batch, () -> store.deleteEventsBefore(eventCutoff, batch));
        Instant counterCutoff = FailureSpikeRule.hourOf(now).minus(Duration.ofHours(Coverage.MAX_HOURS - 1));
        long counters = drain(batch, () -> store.deleteStartupCountsBefore(counterCutoff, batch));
        return new PurgeReport(sessions, tokenIds, windows, visitors, failures, events, counters);
    }

    private static long drain(int batch, IntSupplier deleteOneBatch) {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_KIND; i++) {
            int deleted = deleteOneBatch.getAsInt();
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        return total;
    }
}
