package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthenticateSessionUseCase;
import dev.visitorauth.application.port.in.EventSink;
import dev.visitorauth.application.port.in.EventSink.StreamEnd;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.WatchEventsUseCase;
import dev.visitorauth.application.port.out.EventSignalsPort;
import dev.visitorauth.application.port.out.ReadEventsPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventId;
import dev.visitorauth.domain.event.EventType;
import dev.visitorauth.domain.event.WorkspaceEvent;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * This node's event dispatcher: every open stream (widget, admin, {@code WatchWorkspace}) of this
 * node is a subscriber of it.
 *
 * <ul>
 *   <li><b>One reader per workspace.</b> A workspace with open streams has one lane; a wake-up
 *       ({@link EventSignalsPort}) makes the lane read the log once after its head and fan each event
 *       out, in order, to the subscribers whose filter takes it. A new subscriber that resumes from an
 *       older id first catches up with reads of its own (bounded pages, only while it has buffer room),
 *       then joins the lane's fan-out where it stands.</li>
 *   <li><b>Bounded buffers.</b> Each subscriber has a queue of at most {@code bufferSize} items. One
 *       whose buffer is full when the lane fans out falls behind and catches up later with reads of
 *       its own (only while it has room), so a burst never closes a healthy stream and the lane never
 *       waits; one with items waiting whose client took none for a heartbeat interval is closed
 *       ({@link StreamEnd#TOO_SLOW}) and its client resumes with its last event id.</li>
 *   <li><b>No thread per stream.</b> Lanes and the sends ("drains") run as short tasks on a shared
 *       executor; one subscriber is drained by at most one task at a time, so its sink sees one call
 *       at a time, in order. A ticker ({@link #tick()}, every second) sends heartbeats and ends
 *       expired sessions' streams with the injected clock.</li>
 * </ul>
 *
 * <p>A {@code session.ended} event ends a widget stream only if the stream's session is no longer
 * live when the event is sent: a visitor's new session (e.g. after an upgrade, whose event ends the
 * visitor's earlier sessions) keeps streaming.
 */
public final class EventStreamService implements WatchEventsUseCase, EventSignalsPort.Listener {
    /** Events one read returns. */
    static final int PAGE = 256;

    private static final Object HEARTBEAT = new Object();

    /**
     * The dispatcher's limits.
     *
     * @param heartbeat           how often an idle stream gets a keep-alive (spec: 20 s)
     * @param bufferSize          items a stream may have waiting before it is closed as too slow
     * @param maxPerSession       open widget streams per session
     * @param maxPerWorkspace     open admin streams ({@code /v1/admin/stream}, {@code WatchWorkspace}) per workspace
     * @param maxPerNode          open streams of every kind on this node
     */
    public record Settings(Duration heartbeat, int bufferSize, int maxPerSession, int maxPerWorkspace, int maxPerNode) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(20), 512, 5, 50, 10_000);

        public Settings {
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (heartbeat.compareTo(Duration.ofSeconds(1)) < 0 || bufferSize < 16 || maxPerSession < 1
                    || maxPerWorkspace < 1 || maxPerNode < 1) {
                throw new IllegalArgumentException("heartbeat >= 1 s, bufferSize >= 16 and the caps >= 1");
            }
        }
    }

    private final ReadEventsPort log;
    private final AuthenticateSessionUseCase sessions;
    private final Clock clock;
    private final Executor executor;
    private final Settings settings;
    private final Map<WorkspaceId, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean shutDown;

    /**
     * @param executor runs the lanes and drains: a small shared pool (a few threads per core), never a thread per stream
     */
    public EventStreamService(ReadEventsPort log, EventSignalsPort signals, AuthenticateSessionUseCase sessions,
                              Clock clock, Executor executor, Settings settings) {
        this.log = Objects.requireNonNull(log, "log");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = Objects.requireNonNull(settings, "settings");
        signals.subscribe(this);
    }

    @Override
    public Result<OpenStream> watch(WatchQuery query, EventSink sink) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        if (shutDown) {
            return Result.refused(ErrorCode.UNAVAILABLE, "This node is shutting down; reconnect.");
        }
        Optional<EventId> after = query.after();
        WorkspaceId ws;
        Optional<SessionView> view = Optional.empty();
        Predicate<WorkspaceEvent> filter;
        String capKey;
        int cap;
        if (query.subject() instanceof Subject.Session s) {
            Result<SessionView> live = sessions.authenticateSession(s.sessionToken());
            if (live instanceof Result.Refused<SessionView> refused) {
                return Result.refused(refused.refusal());
            }
            SessionView v = live.orElseThrow();
            Session session = v.session();
            view = Optional.of(v);
            ws = session.workspaceId();
            filter = e -> e.type().reachesSessions() && e.audience().reaches(session);
            capKey = "s:" + ws.value() + ":" + session.tokenHash().value();
            cap = settings.maxPerSession();
        } else {
            ws = ((Subject.Workspace) query.subject()).workspaceId();
            filter = e -> e.type().reachesWorkspace();
            capKey = "w:" + ws.value();
            cap = settings.maxPerWorkspace();
        }
        Optional<Refusal> full = acquire(capKey, cap, query.subject() instanceof Subject.Session);
        if (full.isPresent()) {
            return Result.refused(full.get());
        }
        try {
            Optional<EventId> newest = log.newest(ws);
            long newestPosition = newest.map(EventId::position).orElse(0L);
            // An id beyond the log's newest (another database, or a log reset): stream from now.
            long start = after.map(EventId::position).filter(p -> p <= newestPosition).orElse(newestPosition);
            Subscriber sub = new Subscriber(ws, view, filter, sink, start, capKey, query.subject() instanceof Subject.Session
                    ? view.get().session().expiresAt() : null, view.map(v -> s(query)).orElse(null));
            lanes.compute(ws, (k, lane) -> {
                Lane l = lane == null ? new Lane(ws, newestPosition) : lane;
                l.subscribers.add(sub);
                return l;
            });
            wake(ws);
            return Result.ok(sub);
        } catch (RuntimeException e) {
            release(capKey);
            throw e;
        }
    }

    private static String s(WatchQuery query) {
        return ((Subject.Session) query.subject()).sessionToken();
    }

    /** Open streams on this node. */
    public int openStreams() {
        return open.get();
    }

    @Override
    public void appended(WorkspaceId workspaceId) {
        wake(workspaceId);
    }

    @Override
    public void mayHaveMissedSignals() {
        lanes.keySet().forEach(this::wake);
    }

    /**
     * The ticker's work, every second: a new read for a workspace whose last read failed (the
     * database was away), heartbeats for streams due one, and {@code session.ended} reason
     * {@code expired} for sessions past their expiry on the injected clock.
     */
    public void tick() {
        Instant now = clock.instant();
        for (Lane lane : lanes.values()) {
            if (lane.failed) {
                lane.failed = false;
                wake(lane.ws);
            }
        }
        for (Lane lane : lanes.values()) {
            for (Subscriber sub : lane.subscribers) {
                if (sub.expiresAt != null && !now.isBefore(sub.expiresAt)) {
                    sub.finish(StreamEnd.SESSION_EXPIRED);
                } else if (sub.room() < settings.bufferSize()
                        && !Duration.between(sub.lastProgress, now).minus(settings.heartbeat()).isNegative()) {
                    sub.finish(StreamEnd.TOO_SLOW);
                } else if (!Duration.between(sub.lastActivity, now).minus(settings.heartbeat()).isNegative()) {
                    sub.lastActivity = now;
                    sub.offer(HEARTBEAT);
                }
            }
        }
    }

    /** Accepts streams again after {@link #shutdown()} (a host whose context is started again). */
    public void resume() {
        shutDown = false;
    }

    /** Ends every stream ({@link StreamEnd#SHUTDOWN}) and refuses new ones: the node is stopping. */
    public void shutdown() {
        shutDown = true;
        for (Lane lane : lanes.values()) {
            for (Subscriber sub : lane.subscribers) {
                sub.finish(StreamEnd.SHUTDOWN);
            }
        }
    }

    private Optional<Refusal> acquire(String key, int cap, boolean session) {
        if (open.incrementAndGet() > settings.maxPerNode()) {
            open.decrementAndGet();
            return Optional.of(Refusal.of(ErrorCode.UNAVAILABLE,
                    "This node holds its maximum of open streams; retry, or connect to another node."));
        }
        boolean[] over = new boolean[1];
        perKey.compute(key, (k, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            over[0] = c.incrementAndGet() > cap;
            if (over[0]) {
                c.decrementAndGet();
            }
            return c.get() == 0 ? null : c;
        });
        if (over[0]) {
            open.decrementAndGet();
            return Optional.of(Refusal.rateLimited(Duration.ofSeconds(5), session
                    ? "This session has its maximum of " + cap + " open streams; close one (one per tab is plenty)."
                    : "This workspace has its maximum of " + cap + " open admin streams; close one first."));
        }
        return Optional.empty();
    }

    private void release(String key) {
        open.decrementAndGet();
        perKey.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private void wake(WorkspaceId ws) {
        Lane lane = lanes.get(ws);
        if (lane != null) {
            lane.dirty = true;
            lane.schedule();
        }
    }

    /** One workspace's reader: the head it read to, and its subscribers. */
    private final class Lane {
        final WorkspaceId ws;
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile boolean dirty;
        /** The last run's read failed: the ticker wakes the lane again. */
        volatile boolean failed;
        /** The newest position read and fanned out; written by the lane thread only. */
        volatile long head;

        Lane(WorkspaceId ws, long head) {
            this.ws = ws;
            this.head = head;
        }

        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this::run);
                } catch (RuntimeException rejected) {
                    scheduled.set(false);
                }
            }
        }

        private void run() {
            try {
                while (dirty) {
                    dirty = false;
                    catchUp();
                    fanOut();
                }
            } catch (RuntimeException e) {
                // The database may be away: the ticker runs the lane again within a second, until a
                // read succeeds (a signal may never come: the one for the event that matters may have
                // been sent while this node's listener was reconnecting, and its re-read is this one).
                // Nothing is skipped, because nothing advanced.
                failed = true;
            } finally {
                scheduled.set(false);
                if (dirty) {
                    schedule();
                }
            }
        }

        /** Subscribers behind the head read up to it, a bounded page each, while they have room. */
        private void catchUp() {
            for (Subscriber sub : subscribers) {
                if (sub.position >= head || sub.finished.get()) {
                    continue;
                }
                int room = sub.room();
                if (room <= 0) {
                    continue; // its drain wakes the lane when it has room again
                }
                int asked = Math.min(room, PAGE);
                List<WorkspaceEvent> page = log.eventsAfter(ws, Optional.of(sub.position).filter(p -> p > 0)
                        .map(EventId::new), asked);
                // Everything after its position up to the head is read once the page comes back short
                // or passes the head; else it stands at the page's last event.
                long reached = page.size() < asked ? head : sub.position;
                for (WorkspaceEvent e : page) {
                    if (e.id().position() > head) {
                        reached = head;
                        break;
                    }
                    sub.deliver(e);
                    if (reached != head) {
                        reached = e.id().position();
                    }
                }
                sub.position = Math.min(reached, head);
                if (sub.position < head) {
                    dirty = true;
                }
            }
        }

        /** Reads after the head and hands each event to every subscriber standing at the head. */
        private void fanOut() {
            while (true) {
                List<WorkspaceEvent> page = log.eventsAfter(ws, Optional.of(head).filter(p -> p > 0).map(EventId::new), PAGE);
                if (page.isEmpty()) {
                    return;
                }
                long before = head;
                for (Subscriber sub : subscribers) {
                    if (sub.position != before || sub.finished.get()) {
                        continue; // still catching up: its own reads bring it here
                    }
                    for (WorkspaceEvent e : page) {
                        if (sub.room() <= 0) {
                            break; // its buffer is full: it falls behind and catches up with reads of its own
                        }
                        sub.deliver(e);
                        sub.position = e.id().position();
                    }
                }
                head = page.get(page.size() - 1).id().position();
                for (Subscriber sub : subscribers) {
                    if (sub.finished.get() || sub.position >= head) {
                        continue;
                    }
                    if (sub.room() > 0) {
                        dirty = true; // joined mid-page: it catches up on the next round
                    }
                }
                if (page.size() < PAGE) {
                    return;
                }
            }
        }

        void remove(Subscriber sub) {
            lanes.computeIfPresent(ws, (k, lane) -> {
                lane.subscribers.remove(sub);
                return lane.subscribers.isEmpty() ? null : lane;
            });
        }
    }

    /** One open stream: its filter, position, bounded queue and sink. */
    private final class Subscriber implements OpenStream {
        final WorkspaceId ws;
        final Optional<SessionView> view;
        final Predicate<WorkspaceEvent> filter;
        final EventSink sink;
        final String capKey;
        final Instant expiresAt;
        final String sessionToken;
        final ArrayDeque<Object> queue = new ArrayDeque<>();
        final AtomicBoolean draining = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile StreamEnd end;
        volatile Instant lastActivity;
        /** When the client last took something (or the stream opened). */
        volatile Instant lastProgress;
        /** The last position this subscriber has been handed (or skipped past); lane thread only. */
        volatile long position;

        Subscriber(WorkspaceId ws, Optional<SessionView> view, Predicate<WorkspaceEvent> filter, EventSink sink,
                   long position, String capKey, Instant expiresAt, String sessionToken) {
            this.ws = ws;
            this.view = view;
            this.filter = filter;
            this.sink = sink;
            this.position = position;
            this.capKey = capKey;
            this.expiresAt = expiresAt;
            this.sessionToken = sessionToken;
            this.lastActivity = clock.instant();
            this.lastProgress = lastActivity;
        }

        @Override
        public WorkspaceId workspaceId() {
            return ws;
        }

        @Override
        public Optional<SessionView> session() {
            return view;
        }

        @Override
        public void cancel() {
            finish(StreamEnd.CANCELLED);
        }

        int room() {
            synchronized (queue) {
                return settings.bufferSize() - queue.size();
            }
        }

        /** Queues {@code e} if the stream takes it; a full queue closes the stream as too slow. */
        void deliver(WorkspaceEvent e) {
            if (filter.test(e)) {
                offer(e);
            }
        }

        void offer(Object item) {
            if (finished.get()) {
                return;
            }
            synchronized (queue) {
                if (queue.size() >= settings.bufferSize()) {
                    return; // only a heartbeat meets a full buffer: events are handed out only to room
                }
                queue.addLast(item);
            }
            scheduleDrain();
        }

        /** Ends the stream once: the sink is told after what is queued ahead of the end is dropped. */
        void finish(StreamEnd reason) {
            if (finished.compareAndSet(false, true)) {
                end = reason;
                Lane lane = lanes.get(ws);
                if (lane != null) {
                    lane.remove(this);
                }
                release(capKey);
                scheduleDrain();
            }
        }

        private void scheduleDrain() {
            if (draining.compareAndSet(false, true)) {
                try {
                    executor.execute(this::drain);
                } catch (RuntimeException rejected) {
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                while (true) {
                    if (finished.get()) {
                        StreamEnd reason = end;
                        if (reason != null) {
                            end = null;
                            synchronized (queue) {
                                queue.clear();
                            }
                            sink.end(reason);
                        }
                        return;
                    }
                    Object item;
                    synchronized (queue) {
                        item = queue.pollFirst();
                    }
                    if (item == null) {
                        Lane lane = lanes.get(ws);
                        if (lane != null && position < lane.head) {
                            lane.dirty = true; // room again for a subscriber still catching up
                            lane.schedule();
                        }
                        return;
                    }
                    send(item);
                }
            } finally {
                draining.set(false);
                boolean more;
                synchronized (queue) {
                    more = !queue.isEmpty();
                }
                if (more || (finished.get() && end != null)) {
                    scheduleDrain();
                }
            }
        }

        private void send(Object item) {
            try {
                if (item == HEARTBEAT) {
                    sink.heartbeat();
                    lastProgress = clock.instant();
                    return;
                }
                WorkspaceEvent e = (WorkspaceEvent) item;
                if (e.type() == EventType.SESSION_ENDED && sessionToken != null) {
                    if (sessions.authenticateSession(sessionToken).isOk()) {
                        return; // it ended earlier sessions of this visitor, not this one
                    }
                    sink.send(e);
                    lastActivity = clock.instant();
                    finish(StreamEnd.SESSION_ENDED);
                    return;
                }
                sink.send(e);
                lastActivity = clock.instant();
                lastProgress = lastActivity;
            } catch (Exception clientGone) {
                finish(StreamEnd.CANCELLED);
            }
        }
    }
}
