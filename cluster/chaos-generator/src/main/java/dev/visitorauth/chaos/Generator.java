package dev.visitorauth.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyRequest;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyResponse;
import dev.visitorauth.adapter.grpc.v1.RevokeUserSessionsRequest;
import dev.visitorauth.adapter.grpc.v1.RotateSecretRequest;
import dev.visitorauth.adapter.grpc.v1.RotateSecretResponse;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import dev.visitorauth.adapter.grpc.v1.WatchWorkspaceRequest;
import dev.visitorauth.adapter.grpc.v1.WatchWorkspaceResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the cluster through the balancer until the deadline, journaling every answer:
 * authenticated and anonymous start-ups, replays of acknowledged {@code jti}s, conversations and
 * messages over REST, agent replies over gRPC, secret rotations (grace 0) followed by a start with
 * the old and one with the new secret, revocations followed by a use of the revoked session and a
 * start with a token issued before the cutoff, and open event streams (SSE per session, gRPC
 * {@code WatchWorkspace}) that resume with the last event id when their connection breaks.
 */
final class Generator {
    private static final int POOL = 400;

    private record SessionRef(String token, String visitorId, String user) {
    }

    private record ConvRef(String id, String sessionToken) {
    }

    private record StartedToken(String token, String jti) {
    }

    private final Rest rest;
    private final String grpcTarget;
    private final String systemKey;
    private final Journal journal;
    private final long deadline;
    private final int workers;
    private final int streams;
    private volatile boolean stopStreams;
    private final AtomicLong counter = new AtomicLong();

    private String workspaceId;
    private String apiKey;
    private String widgetId;
    private String widgetSecret;
    private String widgetKeyId;
    private String rotWidgetId;
    private volatile String rotSecret;
    private volatile String rotKeyId;
    private ManagedChannel channel;
    private VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub grpc;

    private final List<SessionRef> sessions = new ArrayList<>();
    private final List<ConvRef> convs = new ArrayList<>();
    private final List<StartedToken> started = new ArrayList<>();

    Generator(Rest rest, String grpcTarget, String systemKey, Journal journal, long durationMillis, int workers, int streams) {
        this.rest = rest;
        this.grpcTarget = grpcTarget;
        this.systemKey = systemKey;
        this.journal = journal;
        this.deadline = System.currentTimeMillis() + durationMillis;
        this.workers = workers;
        this.streams = streams;
    }

    void run() throws InterruptedException {
        setUp();
        List<Thread> threads = new ArrayList<>();
        List<Thread> streamThreads = new ArrayList<>();
        for (int k = 0; k < streams; k++) {
            int index = k;
            streamThreads.add(startThread("sse-" + k, () -> sseStream(index)));
        }
        streamThreads.add(startThread("watch", this::watchWorkspace));
        for (int k = 0; k < workers; k++) {
            threads.add(startThread("worker-" + k, this::work));
        }
        threads.add(startThread("rotations", this::rotations));
        threads.add(startThread("revocations", this::revocations));
        for (Thread t : threads) {
            t.join();
        }
        // Events are delivered within a second; give the streams a few to catch up on the last replies.
        Thread.sleep(8_000);
        stopStreams = true;
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        // A stream blocked in a read ends at its next heartbeat; the journal closes without it.
        long until = System.currentTimeMillis() + 3_000;
        for (Thread t : streamThreads) {
            t.join(Math.max(1, until - System.currentTimeMillis()));
        }
    }

    // ------------------------------------------------------------------------------------ set-up

    private JsonNode retry(String what, java.util.function.Supplier<Rest.Answer> call) throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            Rest.Answer a = call.get();
            if (a.outcome() == Outcome.OK) {
                return a.body();
            }
            System.err.println("set-up: " + what + " answered " + a.status() + " " + a.code() + "; retrying");
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("set-up failed: " + what);
    }

    private void setUp() throws InterruptedException {
        ObjectNode ws = Journal.JSON.createObjectNode().put("name", "chaos-" + System.currentTimeMillis());
        JsonNode w = retry("create workspace", () -> rest.post("/v1/workspaces", systemKey, ws));
        workspaceId = w.get("id").asText();
        apiKey = w.get("apiKey").asText();
        JsonNode main = retry("create widget", () -> rest.post("/v1/admin/widgets", apiKey,
                Journal.JSON.createObjectNode().put("name", "chaos").put("requireJti", true)));
        widgetId = main.get("id").asText();
        widgetSecret = main.get("secret").asText();
        widgetKeyId = main.get("keyId").asText();
        JsonNode rot = retry("create rotation widget", () -> rest.post("/v1/admin/widgets", apiKey,
                Journal.JSON.createObjectNode().put("name", "chaos-rotation").put("requireJti", true)));
        rotWidgetId = rot.get("id").asText();
        rotSecret = rot.get("secret").asText();
        rotKeyId = rot.get("keyId").asText();
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + apiKey);
        String[] hostPort = grpcTarget.split(":");
        channel = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext().build();
        grpc = VisitorAuthServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        journal.write(Journal.entry("setup").put("workspaceId", workspaceId).put("widgetId", widgetId)
                .put("rotationWidgetId", rotWidgetId).put("rotationKeyId", rotKeyId).put("t0", System.currentTimeMillis()));
    }

    // --------------------------------------------------------------------------------- the mix

    private void work() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (System.currentTimeMillis() < deadline) {
            int p = r.nextInt(100);
            if (p < 25) {
                startAuthenticated("u" + r.nextInt(200));
            } else if (p < 40) {
                startAnonymous();
            } else if (p < 55) {
                newConversation();
            } else if (p < 72) {
                postMessage();
            } else if (p < 90) {
                agentReply(randomConv());
            } else if (p < 95) {
                replay();
            } else {
                getSession();
            }
        }
    }

    private static <T> T pick(List<T> list) {
        synchronized (list) {
            return list.isEmpty() ? null : list.get(ThreadLocalRandom.current().nextInt(list.size()));
        }
    }

    private static <T> void keep(List<T> list, T item) {
        synchronized (list) {
            if (list.size() >= POOL) {
                list.remove(ThreadLocalRandom.current().nextInt(list.size()));
            }
            list.add(item);
        }
    }

    private ConvRef randomConv() {
        return pick(convs);
    }

    private String jti() {
        return "j-" + UUID.randomUUID();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private Rest.Answer start(String widget, String token) {
        ObjectNode body = Journal.JSON.createObjectNode();
        if (token != null) {
            body.put("visitorToken", token);
        }
        return rest.post("/v1/widgets/" + widget + "/sessions", null, body);
    }

    /** A start-up with a fresh token for {@code user}; journals op {@code op}, returns the session when 2xx. */
    private SessionRef startAuthenticated(String user) {
        String jti = jti();
        String token = Tokens.mint(widgetSecret, widgetKeyId, user, jti, nowSeconds());
        Rest.Answer a = start(widgetId, token);
        ObjectNode e = a.into(Journal.entry("start_auth")).put("user", user).put("jti", jti);
        SessionRef s = null;
        if (a.outcome() == Outcome.OK) {
            s = new SessionRef(a.body().get("sessionToken").asText(), a.body().get("visitorId").asText(), user);
            e.put("session", s.token()).put("visitorId", s.visitorId());
            keep(sessions, s);
            keep(started, new StartedToken(token, jti));
        }
        journal.write(e);
        return s;
    }

    private void startAnonymous() {
        Rest.Answer a = start(widgetId, null);
        ObjectNode e = a.into(Journal.entry("start_anon"));
        if (a.outcome() == Outcome.OK) {
            SessionRef s = new SessionRef(a.body().get("sessionToken").asText(), a.body().get("visitorId").asText(), null);
            e.put("session", s.token()).put("visitorId", s.visitorId());
            keep(sessions, s);
        }
        journal.write(e);
    }

    /** The same token (and so the same jti) again: must never be accepted a second time. */
    private void replay() {
        StartedToken t = pick(started);
        if (t == null) {
            return;
        }
        Rest.Answer a = start(widgetId, t.token());
        journal.write(a.into(Journal.entry("replay")).put("jti", t.jti()));
    }

    private ConvRef newConversation(SessionRef s, String op) {
        Rest.Answer a = rest.post("/v1/conversations", s.token(),
                Journal.JSON.createObjectNode().put("text", "hello " + counter.incrementAndGet()));
        ObjectNode e = a.into(Journal.entry(op)).put("session", s.token());
        ConvRef c = null;
        if (a.outcome() == Outcome.OK) {
            c = new ConvRef(a.body().get("id").asText(), s.token());
            e.put("conversationId", c.id()).put("messageId", a.body().get("messages").get(0).get("id").asText());
        }
        journal.write(e);
        return c;
    }

    private void newConversation() {
        SessionRef s = pick(sessions);
        if (s != null) {
            ConvRef c = newConversation(s, "conversation");
            if (c != null) {
                keep(convs, c);
            }
        }
    }

    private void postMessage() {
        ConvRef c = randomConv();
        if (c == null) {
            return;
        }
        Rest.Answer a = rest.post("/v1/conversations/" + c.id() + "/messages", c.sessionToken(),
                Journal.JSON.createObjectNode().put("text", "message " + counter.incrementAndGet()));
        ObjectNode e = a.into(Journal.entry("message")).put("conversationId", c.id()).put("session", c.sessionToken());
        if (a.outcome() == Outcome.OK) {
            e.put("messageId", a.body().get("id").asText());
        }
        journal.write(e);
    }

    private void getSession() {
        SessionRef s = pick(sessions);
        if (s != null) {
            journal.write(rest.get("/v1/session", s.token()).into(Journal.entry("get_session")).put("session", s.token()));
        }
    }

    private void agentReply(ConvRef c) {
        if (c == null) {
            return;
        }
        long sent = System.currentTimeMillis();
        ObjectNode e = Journal.entry("agent_reply").put("conversationId", c.id());
        try {
            PostAgentReplyResponse r = grpc.withDeadlineAfter(20, TimeUnit.SECONDS).postAgentReply(
                    PostAgentReplyRequest.newBuilder().setConversationId(c.id()).setText("agent " + counter.incrementAndGet()).build());
            grpcInto(e, sent, "OK").put("messageId", r.getMessage().getId());
        } catch (StatusRuntimeException ex) {
            grpcInto(e, sent, ex.getStatus().getCode().name());
        }
        journal.write(e);
    }

    private static ObjectNode grpcInto(ObjectNode e, long sent, String status) {
        return e.put("t0", sent).put("t1", System.currentTimeMillis()).put("grpc", status)
                .put("outcome", Outcome.ofGrpc(status).name());
    }

    // -------------------------------------------------------------------- rotation and revocation

    private void rotations() {
        while (System.currentTimeMillis() < deadline) {
            String oldSecret = rotSecret;
            String oldKeyId = rotKeyId;
            long sent = System.currentTimeMillis();
            ObjectNode e = Journal.entry("rotate").put("widgetId", rotWidgetId).put("oldKeyId", oldKeyId);
            boolean ok = false;
            try {
                RotateSecretResponse r = grpc.withDeadlineAfter(20, TimeUnit.SECONDS).rotateSecret(
                        RotateSecretRequest.newBuilder().setWidgetId(rotWidgetId).setGraceSeconds(0).build());
                grpcInto(e, sent, "OK").put("keyId", r.getKeyId());
                rotSecret = r.getSecret();
                rotKeyId = r.getKeyId();
                ok = true;
            } catch (StatusRuntimeException ex) {
                grpcInto(e, sent, ex.getStatus().getCode().name());
            }
            journal.write(e);
            if (ok) {
                // Sent after the rotation was acknowledged: the old secret must be refused, the new one accepted.
                String user = "rot" + ThreadLocalRandom.current().nextInt(20);
                String jti = jti();
                Rest.Answer old = start(rotWidgetId, Tokens.mint(oldSecret, oldKeyId, user, jti, nowSeconds()));
                journal.write(old.into(Journal.entry("rot_old")).put("keyId", oldKeyId).put("jti", jti));
                String jti2 = jti();
                Rest.Answer fresh = start(rotWidgetId, Tokens.mint(rotSecret, rotKeyId, user, jti2, nowSeconds()));
                ObjectNode f = fresh.into(Journal.entry("rot_new")).put("keyId", rotKeyId).put("jti", jti2).put("user", user);
                if (fresh.outcome() == Outcome.OK) {
                    f.put("session", fresh.body().get("sessionToken").asText()).put("visitorId", fresh.body().get("visitorId").asText());
                }
                journal.write(f);
            }
            sleep(2_000);
        }
    }

    private void revocations() {
        int n = 0;
        while (System.currentTimeMillis() < deadline) {
            String user = "rev" + (n++);
            // A token issued 2 s ago: it will be before the cutoff of the revocation that follows.
            long iat = nowSeconds() - 2;
            String jti = jti();
            Rest.Answer a = start(widgetId, Tokens.mint(widgetSecret, widgetKeyId, user, jti, iat));
            ObjectNode e = a.into(Journal.entry("start_auth")).put("user", user).put("jti", jti);
            if (a.outcome() != Outcome.OK) {
                journal.write(e);
                sleep(500);
                continue;
            }
            String session = a.body().get("sessionToken").asText();
            journal.write(e.put("session", session).put("visitorId", a.body().get("visitorId").asText()));
            boolean revoked = false;
            while (!revoked && System.currentTimeMillis() < deadline) {
                long sent = System.currentTimeMillis();
                ObjectNode r = Journal.entry("revoke").put("user", user).put("session", session);
                try {
                    grpc.withDeadlineAfter(20, TimeUnit.SECONDS).revokeUserSessions(
                            RevokeUserSessionsRequest.newBuilder().setExternalId(user).build());
                    grpcInto(r, sent, "OK");
                    revoked = true;
                } catch (StatusRuntimeException ex) {
                    grpcInto(r, sent, ex.getStatus().getCode().name());
                    sleep(300);
                }
                journal.write(r);
            }
            if (!revoked) {
                return;
            }
            // Sent after the revocation was acknowledged: both must be refused.
            journal.write(rest.get("/v1/session", session).into(Journal.entry("use_revoked")).put("user", user).put("session", session));
            String jti2 = jti();
            Rest.Answer again = start(widgetId, Tokens.mint(widgetSecret, widgetKeyId, user, jti2, iat));
            journal.write(again.into(Journal.entry("start_revoked")).put("user", user).put("jti", jti2));
            sleep(1_500);
        }
    }

    private static Thread startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------ event streams

    /**
     * One widget's event stream: a user session with one conversation, whose agent replies (posted
     * by this thread between reads, and by the workers) must all arrive, across reconnects.
     */
    private void sseStream(int index) {
        String user = "stream" + index;
        SessionRef s = null;
        ConvRef c = null;
        while ((s == null || c == null) && System.currentTimeMillis() < deadline) {
            if (s == null) {
                s = startAuthenticated(user);
            } else {
                c = newConversation(s, "conversation");
            }
            if (s == null || c == null) {
                sleep(500);
            }
        }
        if (c == null) {
            return;
        }
        keep(convs, c);
        journal.write(Journal.entry("stream_owner").put("stream", "sse-" + index).put("conversationId", c.id()));
        ConvRef conv = c;
        Thread feeder = startThread("feeder-" + index, () -> {
            while (System.currentTimeMillis() < deadline) {
                agentReply(conv);
                sleep(400);
            }
        });
        String lastEventId = null;
        while (!stopStreams) {
            long sent = System.currentTimeMillis();
            HttpURLConnection http = null;
            try {
                http = (HttpURLConnection) URI.create(rest.base() + "/v1/stream").toURL().openConnection();
                http.setRequestProperty("Authorization", "Bearer " + s.token());
                http.setRequestProperty("Accept", "text/event-stream");
                if (lastEventId != null) {
                    http.setRequestProperty("Last-Event-ID", lastEventId);
                }
                http.setConnectTimeout(3_000);
                http.setReadTimeout(15_000);
                int status = http.getResponseCode();
                ObjectNode connect = Journal.entry("stream_connect").put("stream", "sse-" + index).put("t0", sent)
                        .put("t1", System.currentTimeMillis()).put("status", status).put("resumeFrom", lastEventId);
                if (status != 200) {
                    String code = null;
                    try (var err = http.getErrorStream()) {
                        if (err != null) {
                            JsonNode body = Journal.JSON.readTree(err);
                            code = body != null && body.hasNonNull("code") ? body.get("code").asText() : null;
                        }
                    } catch (IOException ignored) {
                        // no body
                    }
                    connect.put("outcome", Outcome.ofHttp(status, code).name()).put("code", code);
                    if (http.getHeaderField("X-Visitorauth-Lb") != null) {
                        connect.put("lb", true);
                    }
                    journal.write(connect);
                    sleep(500);
                    continue;
                }
                journal.write(connect.put("outcome", Outcome.OK.name()));
                try (BufferedReader in = new BufferedReader(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8))) {
                    String id = null;
                    String type = null;
                    StringBuilder data = new StringBuilder();
                    String line;
                    while (!stopStreams && (line = in.readLine()) != null) {
                        if (line.isEmpty()) {
                            if (id != null) {
                                lastEventId = id;
                                ObjectNode ev = Journal.entry("stream_event").put("stream", "sse-" + index)
                                        .put("eventId", id).put("type", type).put("t1", System.currentTimeMillis());
                                if ("message.created".equals(type)) {
                                    ev.put("messageId", Journal.JSON.readTree(data.toString()).path("data").path("id").asText());
                                }
                                journal.write(ev);
                                if ("session.ended".equals(type)) {
                                    journal.write(Journal.entry("stream_ended").put("stream", "sse-" + index));
                                }
                            }
                            id = null;
                            type = null;
                            data.setLength(0);
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            type = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).trim());
                        }
                    }
                }
                journal.write(Journal.entry("stream_closed").put("stream", "sse-" + index).put("t1", System.currentTimeMillis()));
            } catch (IOException e) {
                journal.write(Journal.entry("stream_broken").put("stream", "sse-" + index)
                        .put("t1", System.currentTimeMillis()).put("error", e.getClass().getSimpleName()));
                sleep(200);
            } finally {
                if (http != null) {
                    http.disconnect();
                }
            }
        }
        try {
            feeder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The agents' inbox: gRPC {@code WatchWorkspace}, resumed after the last event id it saw. */
    private void watchWorkspace() {
        String last = "";
        boolean first = true;
        while (!stopStreams) {
            long sent = System.currentTimeMillis();
            try {
                Iterator<WatchWorkspaceResponse> it = grpc.withDeadlineAfter(60, TimeUnit.SECONDS)
                        .watchWorkspace(WatchWorkspaceRequest.newBuilder().setAfterEventId(last).build());
                journal.write(Journal.entry("watch_connect").put("stream", "watch").put("t0", sent)
                        .put("first", first).put("resumeFrom", last));
                first = false;
                while (!stopStreams && it.hasNext()) {
                    WatchWorkspaceResponse ev = it.next();
                    last = ev.getId();
                    ObjectNode e = Journal.entry("stream_event").put("stream", "watch").put("eventId", ev.getId())
                            .put("type", ev.getType()).put("t1", System.currentTimeMillis());
                    if ("message.created".equals(ev.getType())) {
                        e.put("messageId", Journal.JSON.readTree(ev.getDataJson()).path("id").asText());
                    }
                    journal.write(e);
                }
            } catch (StatusRuntimeException ex) {
                String code = ex.getStatus().getCode().name();
                journal.write(Journal.entry("watch_broken").put("stream", "watch").put("t1", System.currentTimeMillis())
                        .put("grpc", code).put("outcome", Outcome.ofGrpc(code).name()));
                sleep(300);
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
