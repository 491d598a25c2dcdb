package dev.visitorauth.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckerTest {
    /** A database holding exactly what was put in it. */
    private static final class FakeDatabase implements Checker.Database {
        final Map<String, Set<String>> rows = new HashMap<>();

        FakeDatabase with(String kind, String key) {
            rows.computeIfAbsent(kind, k -> new HashSet<>()).add(key);
            return this;
        }

        @Override
        public Set<String> existing(String kind, String widget, Collection<String> keys) {
            Set<String> found = new HashSet<>(rows.getOrDefault(kind, Set.of()));
            found.retainAll(keys);
            return found;
        }
    }

    private final List<JsonNode> journal = new ArrayList<>();

    private ObjectNode add(String op, long t0, int status, String code) {
        ObjectNode e = Journal.entry(op).put("t0", t0).put("t1", t0 + 10).put("status", status)
                .put("outcome", Outcome.ofHttp(status, code).name());
        if (code != null) {
            e.put("code", code);
        }
        journal.add(e);
        return e;
    }

    private FakeDatabase startedSession() {
        journal.add(Journal.entry("setup").put("workspaceId", "ws").put("widgetId", "w").put("rotationWidgetId", "r")
                .put("rotationKeyId", "k0"));
        add("start_auth", 1_000, 201, null).put("user", "u1").put("jti", "j1").put("visitorId", "v1").put("session", "s1");
        return new FakeDatabase().with("visitor", "v1").with("session", Hashes.sha256Hex("s1")).with("user", "u1")
                .with("jti", Hashes.sha256Hex("j1")).with("secret", "k0");
    }

    @Test
    void aRunWhoseWritesAreAllStoredPasses() {
        FakeDatabase db = startedSession();
        add("start_anon", 2_000, 503, "unavailable");
        Checker.Report report = Checker.check(journal, List.of(), db);
        assertThat(report.passed()).isTrue();
        assertThat(report.unavailable()).isEqualTo(1);
    }

    @Test
    void anAcknowledgedStartWhoseVisitorIsMissingIsALostWrite() {
        FakeDatabase db = startedSession();
        db.rows.get("visitor").clear();
        Checker.Report report = Checker.check(journal, List.of(), db);
        assertThat(report.lostWrites()).singleElement().asString().contains("visitor v1 missing");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aFiveHundredIsAServerErrorButA503UnavailableIsNot() {
        FakeDatabase db = startedSession();
        add("message", 2_000, 500, "internal");
        add("message", 2_100, 503, "unavailable");
        add("message", 2_200, 503, "something_else");
        assertThat(Checker.check(journal, List.of(), db).serverErrors()).hasSize(2);
    }

    @Test
    void aReplayAcceptedIsAWrongAnswerAndAJtiAcceptedTwice() {
        FakeDatabase db = startedSession();
        add("replay", 2_000, 201, null).put("jti", "j1");
        assertThat(Checker.check(journal, List.of(), db).wrongAnswers())
                .anySatisfy(w -> assertThat(w).contains("replayed jti was accepted"))
                .anySatisfy(w -> assertThat(w).contains("jti j1 accepted 2 times"));
    }

    @Test
    void aRevokedSessionThatStillAnswersIsAWrongAnswer() {
        FakeDatabase db = startedSession();
        add("use_revoked", 2_000, 200, null).put("user", "u1");
        assertThat(Checker.check(journal, List.of(), db).wrongAnswers()).singleElement().asString()
                .contains("after its revocation");
    }

    @Test
    void aStreamThatMissesAReplySentAfterItConnectedFails() {
        FakeDatabase db = startedSession().with("message", "m1").with("message", "m2");
        journal.add(Journal.entry("stream_owner").put("stream", "sse-0").put("conversationId", "c1"));
        journal.add(Journal.entry("stream_connect").put("stream", "sse-0").put("t0", 1_500).put("t1", 1_600).put("outcome", "OK"));
        journal.add(Journal.entry("agent_reply").put("conversationId", "c1").put("messageId", "m1").put("t0", 1_700)
                .put("t1", 1_710).put("grpc", "OK").put("outcome", "OK"));
        journal.add(Journal.entry("agent_reply").put("conversationId", "c1").put("messageId", "m2").put("t0", 1_800)
                .put("t1", 1_810).put("grpc", "OK").put("outcome", "OK"));
        journal.add(Journal.entry("stream_event").put("stream", "sse-0").put("messageId", "m1").put("t1", 1_720));
        assertThat(Checker.check(journal, List.of(), db).streamMisses()).singleElement().asString().contains("m2");
    }

    @Test
    void aFaultIsChargedTheUnavailableAnswersSentDuringIt() {
        FakeDatabase db = startedSession();
        add("start_anon", 5_000, 503, "unavailable");
        add("start_anon", 3_995, 503, "unavailable");
        add("start_anon", 6_000, 503, "unavailable").put("lb", true);
        add("start_anon", 7_000, 201, null).put("visitorId", "v2").put("session", "s2");
        db.with("visitor", "v2").with("session", Hashes.sha256Hex("s2"));
        Checker.Report report = Checker.check(journal, List.of(new Checker.Fault("failover", 4_000, 8_000)), db);
        Checker.FaultCost cost = report.faults().get(0);
        assertThat(cost.unavailable()).as("the one answered at 4 005 counts, sent before the fault or not").isEqualTo(3);
        assertThat(cost.fromBalancer()).isEqualTo(1);
        assertThat(cost.durationMillis()).isEqualTo(2_015);
    }
}
