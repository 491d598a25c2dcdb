package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.EventSignalsPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventAudience;
import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The workspace event log: order, rollback, isolation, no loss under concurrent commits, retention. */
public abstract class EventLogContractTest extends StoreContract {

    private NewEvent event(WorkspaceId ws, EventType type, EventAudience audience, String text) {
        return new NewEvent(ws, type, clock.instant(), audience, EventData.builder().string("text", text).build());
    }

    private NewEvent message(WorkspaceId ws, String text) {
        return event(ws, EventType.MESSAGE_CREATED, new EventAudience.AllSessionsOfUser(TestData.userId()), text);
    }

    private List<WorkspaceEvent> all(WorkspaceId ws) {
        return store.readEvents().eventsAfter(ws, Optional.empty(), 1000);
    }

    private void appendCommitted(NewEvent e) {
        store.transactions().inTransaction(() -> {
            store.appendEvents().append(e);
            return Result.ok(true);
        });
    }

    @Test
    void appendedEventsReadBackInOrderWithTheirAudienceAndData() {
        WorkspaceId ws = TestData.workspaceId();
        var user = new EventAudience.AllSessionsOfUser(TestData.userId());
        var visitor = new EventAudience.AllSessionsOfVisitor(TestData.visitorId());
        var session = new EventAudience.OneSession(TestData.tokenHash());
        appendCommitted(event(ws, EventType.CONVERSATION_CREATED, user, "a \"quoted\"\nline ✓"));
        appendCommitted(event(ws, EventType.MESSAGE_CREATED, visitor, "b"));
        appendCommitted(event(ws, EventType.SESSION_ENDED, session, "c"));
        appendCommitted(event(ws, EventType.USER_ERASED, new EventAudience.WorkspaceOnly(), "d"));

        List<WorkspaceEvent> events = all(ws);

        assertThat(events).extracting(e -> e.id().position()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(WorkspaceEvent::type).containsExactly(EventType.CONVERSATION_CREATED,
                EventType.MESSAGE_CREATED, EventType.SESSION_ENDED, EventType.USER_ERASED);
        assertThat(events).extracting(WorkspaceEvent::audience)
                .containsExactly(user, visitor, session, new EventAudience.WorkspaceOnly());
        assertThat(events.get(0).data().json()).isEqualTo("{\"text\":\"a \\\"quoted\\\"\\nline ✓\"}");
        assertThat(events.get(0).at()).isEqualTo(clock.instant());
        assertThat(events).allSatisfy(e -> assertThat(e.workspaceId()).isEqualTo(ws));
        assertThat(store.readEvents().newest(ws)).contains(new EventId(4));
    }

    @Test
    void readsPageAfterAnIdAndNeverAnotherWorkspacesEvents() {
        WorkspaceId ws = TestData.workspaceId();
        WorkspaceId other = TestData.workspaceId();
        for (int i = 0; i < 5; i++) {
            appendCommitted(message(ws, "m" + i));
            appendCommitted(message(other, "o" + i));
        }

        List<WorkspaceEvent> page = store.readEvents().eventsAfter(ws, Optional.of(new EventId(2)), 2);

        assertThat(page).extracting(e -> e.id().position()).containsExactly(3L, 4L);
        assertThat(page).extracting(e -> e.data().json()).containsExactly("{\"text\":\"m2\"}", "{\"text\":\"m3\"}");
        assertThat(all(ws)).extracting(e -> e.data().json()).noneMatch(json -> json.contains("\"o"));
        assertThat(store.readEvents().eventsAfter(ws, Optional.of(new EventId(5)), 10)).isEmpty();
        assertThat(store.readEvents().newest(TestData.workspaceId())).isEmpty();
    }

    @Test
    void aRolledBackAppendLeavesNoEventAndGivesItsPositionBack() {
        WorkspaceId ws = TestData.workspaceId();
        appendCommitted(message(ws, "kept"));

        Result<Object> refused = store.transactions().inTransaction(() -> {
            store.appendEvents().append(message(ws, "rolled back"));
            return Result.refused(ErrorCode.FORBIDDEN, "no");
        });
        appendCommitted(message(ws, "next"));

        assertThat(refused.isOk()).isFalse();
        assertThat(all(ws)).extracting(e -> e.data().json()).containsExactly("{\"text\":\"kept\"}", "{\"text\":\"next\"}");
        assertThat(all(ws)).extracting(e -> e.id().position()).containsExactly(1L, 2L);
    }

    @Test
    void listenersAreSignalledAfterTheCommitOnlyAndNeverForARollback() {
        WorkspaceId ws = TestData.workspaceId();
        List<String> seen = new CopyOnWriteArrayList<>();
        store.eventSignals().subscribe(new EventSignalsPort.Listener() {
            @Override
            public void appended(WorkspaceId workspaceId) {
                if (workspaceId.equals(ws)) {
                    // What a reader sees at the moment of the signal: the commit has happened.
                    seen.add("signal:" + all(ws).size());
                }
            }

            @Override
            public void mayHaveMissedSignals() {
            }
        });

        store.transactions().inTransaction(() -> {
            store.appendEvents().append(message(ws, "one"));
            seen.add("appended");
            return Result.ok(true);
        });
        store.transactions().inTransaction(() -> {
            store.appendEvents().append(message(ws, "gone"));
            return Result.refused(ErrorCode.FORBIDDEN, "no");
        });

        assertThat(seen).containsExactly("appended", "signal:1");
    }

    /**
     * Many writers append in transactions that stay open a random while after the append, while a
     * reader keeps reading "after the last id it saw". The reader must see every committed event,
     * each exactly once, in position order with no gap: a later commit never lands below what it read.
     */
    @Test
    void aReaderFollowingTheLogMissesNoEventWhenTransactionsCommitConcurrently() throws Exception {
        WorkspaceId ws = TestData.workspaceId();
        int writers = 8;
        int perWriter = 12;
        List<Long> read = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            Optional<EventId> after = Optional.empty();
            while (true) {
                boolean last = !writing.get();
                List<WorkspaceEvent> page = store.readEvents().eventsAfter(ws, after, 50);
                for (WorkspaceEvent e : page) {
                    read.add(e.id().position());
                    after = Optional.of(e.id());
                }
                if (last && page.isEmpty()) {
                    return;
                }
            }
        });
        reader.start();
        Concurrently.run(writers, n -> {
            for (int i = 0; i < perWriter; i++) {
                store.transactions().inTransaction(() -> {
                    store.appendEvents().append(message(ws, "w"));
                    Concurrently.pause(ThreadLocalRandom.current().nextInt(3));
                    return Result.ok(true);
                });
            }
            return n;
        });
        writing.set(false);
        reader.join(60_000);

        List<Long> expected = new ArrayList<>();
        for (long p = 1; p <= (long) writers * perWriter; p++) {
            expected.add(p);
        }
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Test
    void retentionDeletesOnlyEventsOlderThanTheCutoffInBatches() throws Exception {
        WorkspaceId ws = TestData.workspaceId();
        appendCommitted(message(ws, "old1"));
        appendCommitted(message(ws, "old2"));
        appendCommitted(message(ws, "old3"));
        clock.advance(Duration.ofHours(25));
        appendCommitted(message(ws, "new"));
        Instant cutoff = clock.instant().minus(Duration.ofHours(24));

        int first = store.purge().deleteEventsBefore(cutoff, 2);
        int rest = 0;
        for (int deleted = -1; deleted != 0; ) {
            deleted = store.purge().deleteEventsBefore(cutoff, 2);
            rest += deleted;
        }

        assertThat(first).isEqualTo(2);
        assertThat(rest).isGreaterThanOrEqualTo(1);
        assertThat(all(ws)).extracting(e -> e.data().json()).containsExactly("{\"text\":\"new\"}");
        assertThat(store.readEvents().newest(ws)).contains(new EventId(4));
    }
}
