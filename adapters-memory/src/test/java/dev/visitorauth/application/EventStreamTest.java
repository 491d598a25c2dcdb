package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.EventSink.StreamEnd;
import dev.visitorauth.application.port.in.EventSink;
import dev.visitorauth.application.port.in.PostMessageUseCase.PostMessageCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.WatchEventsUseCase.OpenStream;
import dev.visitorauth.application.port.in.WatchEventsUseCase.Subject;
import dev.visitorauth.application.port.in.WatchEventsUseCase.WatchQuery;
import dev.visitorauth.application.port.out.ReadEventsPort;
import dev.visitorauth.application.service.EventStreamService;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** The node's event dispatcher over the in-memory log: order, replay, audience, bounds, expiry, caps. */
class EventStreamTest {
    private final TestWorld w = new TestWorld();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final AtomicInteger reads = new AtomicInteger();
    /** Reads that fail (the database away) before they work again. */
    private final AtomicInteger failingReads = new AtomicInteger();
    private final ReadEventsPort countingLog = new ReadEventsPort() {
        @Override
        public List<WorkspaceEvent> eventsAfter(WorkspaceId workspaceId, Optional<EventId> after, int limit) {
            reads.incrementAndGet();
            if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the database is away");
            }
            return w.storage.readEvents().eventsAfter(workspaceId, after, limit);
        }

        @Override
        public Optional<EventId> newest(WorkspaceId workspaceId) {
            return w.storage.readEvents().newest(workspaceId);
        }
    };

    private EventStreamService streams(EventStreamService.Settings settings) {
        return new EventStreamService(countingLog, w.storage.eventSignals(), w.auth.authenticateSession(), w.clock,
                executor, settings);
    }

    private final EventStreamService streams = streams(new EventStreamService.Settings(Duration.ofSeconds(20), 16, 3, 2, 100));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Records what a stream sent: "type id" per event, "heartbeat", "end:REASON". */
    static final class Recorder implements EventSink {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch blocked;

        Recorder() {
            this(new CountDownLatch(0));
        }

        Recorder(CountDownLatch blocked) {
            this.blocked = blocked;
        }

        @Override
        public void send(WorkspaceEvent event) throws Exception {
            blocked.await(30, TimeUnit.SECONDS);
            sent.add(event.type().wireName() + " " + event.id().wire());
        }

        @Override
        public void heartbeat() {
            sent.add("heartbeat");
        }

        @Override
        public void end(StreamEnd reason) {
            sent.add("end:" + reason);
        }

        List<String> types() {
            return sent.stream().map(s -> s.split(" ")[0]).toList();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private Result<OpenStream> watchSession(StartedSession s, Optional<EventId> after, EventSink sink) {
        return streams.watch(new WatchQuery(new Subject.Session(s.sessionToken()), after), sink);
    }

    /**
     * A read that fails (the database away when the listener's re-read or the signal came) is tried
     * again by the ticker, with no further signal: the event still arrives. The dispatcher's work runs
     * on an executor the test drains by hand, so what runs when is fixed.
     */
    @Test
    void aFailedReadIsRetriedByTheTickerWithoutAnotherSignal() throws Exception {
        java.util.Queue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Runnable drain = () -> {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        };
        EventStreamService byHand = new EventStreamService(countingLog, w.storage.eventSignals(), w.auth.authenticateSession(),
                w.clock, tasks::add, new EventStreamService.Settings(Duration.ofSeconds(20), 16, 3, 2, 100));
        StartedSession s = w.anonymous();
        String conversation = w.say(s, "hello");
        Recorder mine = new Recorder();
        byHand.watch(new WatchQuery(new Subject.Session(s.sessionToken()), Optional.empty()), mine)
                .orElseThrow();
        drain.run();
        failingReads.set(1);

        w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(
                w.workspace, new ConversationId(conversation), "while the database is away", Optional.empty())).orElseThrow();
        drain.run();

        assertThat(failingReads.get()).as("the signal's read failed").isZero();
        assertThat(mine.sent).isEmpty();

        byHand.tick();
        drain.run();

        assertThat(mine.sent).containsExactly("message.created evt_3");
    }

    @Test
    void anAgentReplyReachesEveryOpenStreamOfItsOwnerAndNoOtherVisitor() throws Exception {
        StartedSession s = w.anonymous();
        String conversation = w.say(s, "hello");
        StartedSession stranger = w.anonymous();
        Recorder mine = new Recorder();
        Recorder theirs = new Recorder();
        watchSession(s, Optional.empty(), mine).orElseThrow();
        watchSession(stranger, Optional.empty(), theirs).orElseThrow();

        w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(conversation), "reply", java.util.Optional.empty())).orElseThrow();

        await("the reply", () -> mine.sent.size() == 1);
        assertThat(mine.sent).containsExactly("message.created evt_3");
        w.say(stranger, "own");
        await("the stranger's own events", () -> theirs.sent.size() == 2);
        assertThat(theirs.types()).containsExactly("conversation.created", "message.created");
        assertThat(mine.sent).hasSize(1);
    }

    @Test
    void aStreamResumedAfterAnIdReplaysEverythingAfterItThenGoesLiveInOrder() throws Exception {
        StartedSession s = w.anonymous();
        String conversation = w.say(s, "one");
        for (int i = 0; i < 40; i++) {
            w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(conversation), "r" + i, java.util.Optional.empty())).orElseThrow();
        }
        Recorder r = new Recorder();
        watchSession(s, Optional.of(new EventId(2)), r).orElseThrow(); // buffer of 16: the replay comes in pages
        for (int i = 0; i < 5; i++) {
            w.auth.postMessage().postMessage(new PostMessageCommand(s.sessionToken(), new ConversationId(conversation), "live " + i))
                    .orElseThrow();
        }

        await("42 + 5 events", () -> r.sent.size() == 45);
        List<String> expected = new java.util.ArrayList<>();
        for (int p = 3; p <= 47; p++) {
            expected.add("message.created evt_" + p);
        }
        assertThat(r.sent).containsExactlyElementsOf(expected);
    }

    @Test
    void theAdminStreamCarriesTheWorkspaceKindsOnly() throws Exception {
        Recorder admin = new Recorder();
        streams.watch(new WatchQuery(new Subject.Workspace(w.workspace), Optional.empty()), admin)
                .orElseThrow();

        StartedSession s = w.login("u1", Optional.empty());
        w.say(s, "hi");

        await("four events", () -> admin.sent.size() == 4);
        assertThat(admin.types()).containsExactly("user.created", "visitor.linked", "conversation.created",
                "message.created");
    }

    @Test
    void oneReaderPerWorkspaceNotOneQueryPerStream() throws Exception {
        StartedSession s = w.anonymous();
        String conversation = w.say(s, "hello");
        EventStreamService roomy = streams(new EventStreamService.Settings(Duration.ofSeconds(20), 16, 100, 2, 1000));
        List<Recorder> recorders = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Recorder r = new Recorder();
            recorders.add(r);
            roomy.watch(new WatchQuery(new Subject.Session(s.sessionToken()), Optional.empty()), r)
                    .orElseThrow();
        }
        await("the opening reads", () -> true);
        Thread.sleep(200); // let the lanes' opening reads settle before counting
        int before = reads.get();

        w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(conversation), "reply", java.util.Optional.empty())).orElseThrow();

        await("all 50 streams", () -> recorders.stream().allMatch(r -> r.sent.size() == 1));
        // both services listen (this test's and the field's), each reads once or twice, never per stream
        assertThat(reads.get() - before).isLessThanOrEqualTo(6);
    }

    @Test
    void aBurstLargerThanTheBufferReachesAHealthyStreamAndAStuckOneIsClosedAsTooSlow() throws Exception {
        StartedSession s = w.anonymous();
        String conversation = w.say(s, "hello");
        CountDownLatch stuck = new CountDownLatch(1);
        Recorder slow = new Recorder(stuck);
        Recorder fast = new Recorder();
        watchSession(s, Optional.empty(), slow).orElseThrow();
        watchSession(s, Optional.empty(), fast).orElseThrow();

        for (int i = 0; i < 100; i++) { // the buffer holds 16
            w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(conversation), "r" + i, java.util.Optional.empty())).orElseThrow();
        }

        await("the healthy stream", () -> fast.sent.size() == 100);
        w.clock.advance(Duration.ofSeconds(20)); // the stuck one took nothing for a heartbeat interval
        streams.tick();
        stuck.countDown();
        await("the stuck stream's end", () -> slow.sent.contains("end:TOO_SLOW"));
        assertThat(slow.sent.size()).isLessThan(100);
        assertThat(fast.sent.subList(0, 100)).doesNotHaveDuplicates().allMatch(x -> x.startsWith("message.created"));
        assertThat(fast.sent).doesNotContain("end:TOO_SLOW");
    }

    @Test
    void anExpiredSessionGetsSessionEndedExpiredAndAnIdleStreamHeartbeats() throws Exception {
        StartedSession s = w.anonymous();
        Recorder r = new Recorder();
        watchSession(s, Optional.empty(), r).orElseThrow();

        w.clock.advance(Duration.ofSeconds(21));
        streams.tick();
        await("a heartbeat", () -> r.sent.contains("heartbeat"));
        w.clock.advance(Duration.ofHours(12));
        streams.tick();

        await("the end", () -> r.sent.contains("end:SESSION_EXPIRED"));
        assertThat(streams.openStreams()).isZero();
    }

    @Test
    void streamsPerSessionAreCappedAndACancelledOneFreesItsPlace() {
        StartedSession s = w.anonymous();
        OpenStream first = watchSession(s, Optional.empty(), new Recorder()).orElseThrow();
        watchSession(s, Optional.empty(), new Recorder()).orElseThrow();
        watchSession(s, Optional.empty(), new Recorder()).orElseThrow();

        Result<OpenStream> fourth = watchSession(s, Optional.empty(), new Recorder());
        first.cancel();
        Result<OpenStream> again = watchSession(s, Optional.empty(), new Recorder());

        assertThat(((Result.Refused<OpenStream>) fourth).refusal().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(again.isOk()).isTrue();
    }

    @Test
    void aDeadSessionIsUnauthenticated() {
        StartedSession s = w.anonymous();

        w.auth.endSession().endSession(s.sessionToken()).orElseThrow();
        Result<OpenStream> ended = watchSession(s, Optional.empty(), new Recorder());

        assertThat(((Result.Refused<OpenStream>) ended).refusal().code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(streams.openStreams()).isZero();
    }

    @Test
    void anUpgradeEndsTheAnonymousStreamButNotTheNewSessionsStream() throws Exception {
        StartedSession anonymous = w.anonymous();
        w.say(anonymous, "hello");
        Recorder old = new Recorder();
        watchSession(anonymous, Optional.empty(), old).orElseThrow();

        StartedSession upgraded = w.login("u1", Optional.of(w.visitorOf(anonymous)));
        await("the old stream's end", () -> old.sent.contains("end:SESSION_ENDED"));
        assertThat(old.sent).containsExactly("session.ended evt_4", "end:SESSION_ENDED");

        Recorder fresh = new Recorder();
        watchSession(upgraded, Optional.of(new EventId(2)), fresh).orElseThrow(); // replays the session.ended
        w.auth.postAgentReply().postAgentReply(new dev.visitorauth.application.port.in.PostAgentReplyUseCase.PostAgentReplyCommand(w.workspace, new ConversationId(w.conversationIds(upgraded).get(0)), "reply", java.util.Optional.empty())).orElseThrow();
        await("the reply on the new stream", () -> fresh.types().contains("message.created"));
        assertThat(fresh.sent).noneMatch(x -> x.startsWith("end:"));
    }
}
