package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase.PurgeCommand;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase.PurgeReport;
import dev.visitorauth.application.port.in.PurgeExpiredDataUseCase;
import dev.visitorauth.application.port.out.PurgeExpiredDataPort;
import dev.visitorauth.application.service.DataLifecycleService;
import dev.visitorauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import dev.visitorauth.application.port.in.StartedSession;
import java.util.Optional;

/** The data-lifecycle use case: batches until one comes back short, bounded per run; and the in-memory store's deletes. */
class DataLifecycleTest {
    private static final PurgeCommand COMMAND = new PurgeCommand(Duration.ofDays(30), 10);

    /** A store with {@code sessions} expired sessions and nothing else. */
    private static final class CountingStore implements PurgeExpiredDataPort {
        long sessions;
        int calls;

        CountingStore(long sessions) {
            this.sessions = sessions;
        }

        @Override
        public int deleteExpiredSessions(Instant now, int batchSize) {
            calls++;
            int n = (int) Math.min(batchSize, sessions);
            sessions -= n;
            return n;
        }

        @Override
        public int deleteExpiredTokenIds(Instant now, int batchSize) {
            return 0;
        }

        @Override
        public int deleteEndedRateLimitWindows(Instant now, int batchSize) {
            return 0;
        }

        @Override
        public int deleteIdleAnonymousVisitors(Instant idleSince, Instant now, int batchSize) {
            return 0;
        }

        @Override
        public int trimAuthFailures(Instant now, int batchSize) {
            return 0;
        }

        @Override
        public int deleteEventsBefore(Instant cutoff, int batchSize) {
            return 0;
        }

        @Override
        public int deleteStartupCountsBefore(Instant hour, int batchSize) {
            return 0;
        }
    }

    @Test
    void deletesInBatchesUntilOneComesBackShort() {
        CountingStore store = new CountingStore(25);

        PurgeReport report = new DataLifecycleService(store, MutableClock.stoppedAt(Mothers.NOW)).purge(COMMAND);

        assertThat(report.sessions()).isEqualTo(25);
        assertThat(store.calls).isEqualTo(3);
    }

    @Test
    void aRunEndsAfterItsLastBatchEvenWhenMoreIsLeft() {
        CountingStore store = new CountingStore(1_000_000);

        PurgeReport report = new DataLifecycleService(store, MutableClock.stoppedAt(Mothers.NOW)).purge(COMMAND);

        assertThat(report.sessions()).isEqualTo(10L * PurgeExpiredDataUseCase.MAX_BATCHES_PER_KIND);
    }

    @Test
    void theInMemoryStoreForgetsExpiredSessionsAndIdleAnonymousVisitors() {
        TestWorld w = new TestWorld();
        StartedSession idle = w.anonymous();
        StartedSession talking = w.anonymous();
        w.say(talking, "hello");
        w.clock.advance(Duration.ofDays(31));

        PurgeReport report = w.auth.purgeExpiredData().purge(COMMAND);

        assertThat(report.sessions()).isEqualTo(2);
        assertThat(report.anonymousVisitors()).isEqualTo(1);
        assertThat(report.events()).isEqualTo(2); // conversation.created and message.created, older than 24 h
        assertThat(w.storage.readEvents().eventsAfter(w.workspace, Optional.empty(), 10)).isEmpty();
        StartedSession back = w.start(Optional.of(w.visitorOf(idle)), Optional.empty()).orElseThrow();
        assertThat(w.visitorOf(back)).isNotEqualTo(w.visitorOf(idle));
        assertThat(w.conversationIds(w.start(Optional.of(w.visitorOf(talking)), Optional.empty()).orElseThrow())).hasSize(1);
        assertThat(w.session(idle).isOk()).isFalse();
    }
}
