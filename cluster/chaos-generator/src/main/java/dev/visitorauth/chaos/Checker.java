package dev.visitorauth.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges a chaos run from its journal, its fault log and the database: lost acknowledged writes,
 * 5xx answers other than 503 {@code unavailable}, wrong answers, {@code jti}s accepted twice, and
 * events a stream missed; and how many requests each fault cost and for how long.
 */
final class Checker {
    /** What the checker asks of the database: which of {@code keys} of a kind exist. */
    interface Database {
        /**
         * @param kind visitor, session (SHA-256 hex of the token), user (external id), jti (SHA-256 hex,
         *             on {@code widget}), conversation, message, secret (key id, on {@code widget}),
         *             revokedSession (SHA-256 hex), cutoff (external id whose token cutoff is set)
         */
        Set<String> existing(String kind, String widget, Collection<String> keys);
    }

    /** A fault the chaos script caused: from {@code start} to {@code end} (its command's end), epoch ms. */
    record Fault(String name, long start, long end) {
    }

    /**
     * One fault's cost: the 503s and the requests that got no answer (timeout, connection closed) that
     * ended between its start and the next fault's, and the time from the first such request's sending
     * to the last one's end.
     */
    record FaultCost(Fault fault, int unavailable, int fromBalancer, int timeouts, long firstMillis, long lastMillis) {
        long durationMillis() {
            return unavailable + timeouts == 0 ? 0 : lastMillis - firstMillis;
        }
    }

    record Report(Map<String, Integer> requestsByOp, int requests, int ok, int unavailable, int timeouts,
                  List<String> serverErrors, List<String> lostWrites, List<String> wrongAnswers,
                  List<String> streamMisses, List<FaultCost> faults, int streamEvents, int streamReconnects) {
        boolean passed() {
            return serverErrors.isEmpty() && lostWrites.isEmpty() && wrongAnswers.isEmpty() && streamMisses.isEmpty();
        }

        String render() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("requests: %d (2xx %d, 503 unavailable %d, no answer %d)%n", requests, ok, unavailable, timeouts));
            b.append("  by operation: ").append(requestsByOp).append('\n');
            b.append(String.format("event streams: %d events received, %d reconnects%n", streamEvents, streamReconnects));
            b.append("faults (503s and unanswered requests that ended between the fault's start and the next fault's):\n");
            for (FaultCost f : faults) {
                b.append(String.format("  %-32s 503s %4d (from the balancer %4d), no answer %3d, unavailable for %5.1f s%n",
                        f.fault().name(), f.unavailable(), f.fromBalancer(), f.timeouts(), f.durationMillis() / 1000.0));
            }
            b.append(String.format("5xx other than 503 unavailable: %d%n", serverErrors.size()));
            serverErrors.stream().limit(20).forEach(s -> b.append("  ").append(s).append('\n'));
            b.append(String.format("lost acknowledged writes: %d%n", lostWrites.size()));
            lostWrites.stream().limit(20).forEach(s -> b.append("  ").append(s).append('\n'));
            b.append(String.format("wrong answers: %d%n", wrongAnswers.size()));
            wrongAnswers.stream().limit(20).forEach(s -> b.append("  ").append(s).append('\n'));
            b.append(String.format("events missed by streams: %d%n", streamMisses.size()));
            streamMisses.stream().limit(20).forEach(s -> b.append("  ").append(s).append('\n'));
            b.append(passed() ? "RESULT: PASS\n" : "RESULT: FAIL\n");
            return b.toString();
        }
    }

    private static final Set<String> REQUEST_OPS = Set.of("start_auth", "start_anon", "replay", "conversation", "message",
            "get_session", "agent_reply", "rotate", "rot_old", "rot_new", "revoke", "use_revoked", "start_revoked",
            "stream_connect");

    static Report check(List<JsonNode> journal, List<Fault> faults, Database db) {
        Map<String, Integer> byOp = new TreeMap<>();
        int requests = 0;
        int ok = 0;
        int unavailable = 0;
        int timeouts = 0;
        List<String> serverErrors = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        String widget = null;
        String rotWidget = null;
        String rotFirstKey = null;
        JsonNode lastRotation = null;

        // What must exist, by kind.
        Map<String, Map<String, String>> mustExist = new LinkedHashMap<>();
        Map<String, Integer> jtiAccepted = new HashMap<>();
        Map<String, String> convOfStream = new HashMap<>();
        Map<String, Long> firstConnect = new HashMap<>();
        Map<String, Set<String>> received = new HashMap<>();
        int streamEvents = 0;
        int reconnects = 0;
        List<JsonNode> ackedMessages = new ArrayList<>();

        for (JsonNode e : journal) {
            String op = e.path("op").asText();
            switch (op) {
                case "setup" -> {
                    widget = e.path("widgetId").asText();
                    rotWidget = e.path("rotationWidgetId").asText();
                    rotFirstKey = e.path("rotationKeyId").asText();
                }
                case "stream_owner" -> convOfStream.put(e.path("stream").asText(), e.path("conversationId").asText());
                case "stream_event" -> {
                    streamEvents++;
                    // The watch is live once it has delivered an event: what is sent after that must arrive.
                    firstConnect.putIfAbsent(e.path("stream").asText() + "#live", e.path("t1").asLong());
                    if (e.hasNonNull("messageId")) {
                        received.computeIfAbsent(e.path("stream").asText(), k -> new HashSet<>()).add(e.path("messageId").asText());
                    }
                }
                case "watch_connect" -> {
                    if (!e.path("first").asBoolean()) {
                        reconnects++;
                    }
                }
                default -> {
                }
            }
            if (op.equals("stream_connect") && e.path("outcome").asText().equals("OK")) {
                String stream = e.path("stream").asText();
                if (firstConnect.containsKey(stream)) {
                    reconnects++;
                } else {
                    firstConnect.put(stream, e.path("t1").asLong());
                }
            }
            if (!REQUEST_OPS.contains(op)) {
                continue;
            }
            requests++;
            byOp.merge(op, 1, Integer::sum);
            Outcome outcome = Outcome.valueOf(e.path("outcome").asText());
            String what = describe(e);
            switch (outcome) {
                case OK -> ok++;
                case UNAVAILABLE -> unavailable++;
                case TIMEOUT -> timeouts++;
                case SERVER_ERROR -> serverErrors.add(what);
                case REFUSED -> {
                }
            }
            boolean acked = outcome == Outcome.OK;
            switch (op) {
                case "start_auth", "rot_new" -> {
                    String w = op.equals("rot_new") ? rotWidget : widget;
                    if (acked) {
                        need(mustExist, "visitor", e.path("visitorId").asText(), what);
                        need(mustExist, "session", Hashes.sha256Hex(e.path("session").asText()), what);
                        need(mustExist, "user", e.path("user").asText(), what);
                        need(mustExist, "jti@" + w, Hashes.sha256Hex(e.path("jti").asText()), what);
                        jtiAccepted.merge(e.path("jti").asText(), 1, Integer::sum);
                    } else if (outcome == Outcome.REFUSED) {
                        wrong.add("a valid token was refused: " + what);
                    }
                }
                case "start_anon" -> {
                    if (acked) {
                        need(mustExist, "visitor", e.path("visitorId").asText(), what);
                        need(mustExist, "session", Hashes.sha256Hex(e.path("session").asText()), what);
                    } else if (outcome == Outcome.REFUSED) {
                        wrong.add("an anonymous start was refused: " + what);
                    }
                }
                case "replay" -> {
                    if (acked) {
                        wrong.add("a replayed jti was accepted: " + what);
                        jtiAccepted.merge(e.path("jti").asText(), 1, Integer::sum);
                    } else if (outcome == Outcome.REFUSED && !refusedAs(e, "token_replayed")) {
                        wrong.add("a replay was refused with another code: " + what);
                    }
                }
                case "conversation", "message", "agent_reply" -> {
                    if (acked) {
                        if (op.equals("conversation")) {
                            need(mustExist, "conversation", e.path("conversationId").asText(), what);
                        }
                        need(mustExist, "message", e.path("messageId").asText(), what);
                        ackedMessages.add(e);
                    } else if (outcome == Outcome.REFUSED) {
                        wrong.add("a write of a live session was refused: " + what);
                    }
                }
                case "get_session" -> {
                    if (outcome == Outcome.REFUSED) {
                        wrong.add("a live session was refused: " + what);
                    }
                }
                case "rotate" -> {
                    // Keys rotated out with grace 0 may be deleted: the newest rotation's key must be there,
                    // unless a later attempt's outcome is unknown (it may have rotated that key out too).
                    if (acked) {
                        lastRotation = e;
                    } else if (outcome.unknownOutcome()) {
                        lastRotation = null;
                    }
                    if (outcome == Outcome.REFUSED) {
                        wrong.add("a rotation was refused: " + what);
                    }
                }
                case "rot_old" -> {
                    if (acked) {
                        wrong.add("a token signed with a rotated-out secret (grace 0) was accepted after the rotation was answered: " + what);
                        jtiAccepted.merge(e.path("jti").asText(), 1, Integer::sum);
                    }
                }
                case "revoke" -> {
                    if (acked) {
                        need(mustExist, "cutoff", e.path("user").asText(), what);
                        need(mustExist, "revokedSession", Hashes.sha256Hex(e.path("session").asText()), what);
                    } else if (outcome == Outcome.REFUSED) {
                        wrong.add("a revocation was refused: " + what);
                    }
                }
                case "use_revoked" -> {
                    if (acked) {
                        wrong.add("a session answered after its revocation was acknowledged: " + what);
                    }
                }
                case "start_revoked" -> {
                    if (acked) {
                        wrong.add("a token issued before the cutoff started a session after the revocation was acknowledged: " + what);
                        jtiAccepted.merge(e.path("jti").asText(), 1, Integer::sum);
                    } else if (outcome == Outcome.REFUSED && !refusedAs(e, "token_revoked")) {
                        wrong.add("a revoked user's token was refused with another code: " + what);
                    }
                }
                default -> {
                }
            }
        }
        jtiAccepted.forEach((jti, n) -> {
            if (n > 1) {
                wrong.add("jti " + jti + " accepted " + n + " times");
            }
        });
        if (lastRotation != null) {
            need(mustExist, "secret@" + rotWidget, lastRotation.path("keyId").asText(), describe(lastRotation));
        } else if (rotFirstKey != null && noRotationAnswered(journal)) {
            need(mustExist, "secret@" + rotWidget, rotFirstKey, "the rotation widget's first key");
        }

        List<String> lost = new ArrayList<>();
        mustExist.forEach((kindAt, keys) -> {
            String[] parts = kindAt.split("@", 2);
            Set<String> found = db.existing(parts[0], parts.length > 1 ? parts[1] : null, keys.keySet());
            keys.forEach((key, what) -> {
                if (!found.contains(key)) {
                    lost.add(parts[0] + " " + key + " missing; acknowledged by " + what);
                }
            });
        });

        List<String> misses = new ArrayList<>();
        for (JsonNode m : ackedMessages) {
            String messageId = m.path("messageId").asText();
            long sent = m.path("t0").asLong();
            Long watchFrom = firstConnect.get("watch#live");
            if (watchFrom != null && sent >= watchFrom && !received.getOrDefault("watch", Set.of()).contains(messageId)) {
                misses.add("watch missed message " + messageId + " (" + describe(m) + ")");
            }
            convOfStream.forEach((stream, conv) -> {
                Long from = firstConnect.get(stream);
                if (conv.equals(m.path("conversationId").asText()) && from != null && sent >= from
                        && !received.getOrDefault(stream, Set.of()).contains(messageId)) {
                    misses.add(stream + " missed message " + messageId + " (" + describe(m) + ")");
                }
            });
        }

        List<FaultCost> costs = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            long until = i + 1 < faults.size() ? faults.get(i + 1).start() : Long.MAX_VALUE;
            int n = 0;
            int lb = 0;
            int to = 0;
            long first = Long.MAX_VALUE;
            long last = 0;
            for (JsonNode e : journal) {
                if (!REQUEST_OPS.contains(e.path("op").asText())) {
                    continue;
                }
                // By the time of the answer: a request sent just before the fault and answered during it is the fault's.
                long t1 = e.path("t1").asLong();
                Outcome o = Outcome.valueOf(e.path("outcome").asText());
                if (t1 < f.start() || t1 >= until || !o.unknownOutcome()) {
                    continue;
                }
                if (o == Outcome.TIMEOUT) {
                    to++;
                } else {
                    n++;
                    if (e.path("lb").asBoolean()) {
                        lb++;
                    }
                }
                first = Math.min(first, e.path("t0").asLong());
                last = Math.max(last, t1);
            }
            costs.add(new FaultCost(f, n, lb, to, first == Long.MAX_VALUE ? 0 : first, last));
        }
        return new Report(byOp, requests, ok, unavailable, timeouts, serverErrors, lost, wrong, misses, costs,
                streamEvents, reconnects);
    }

    /** A refusal with the expected code, or a rate limit (also a refusal: nothing was accepted). */
    private static boolean refusedAs(JsonNode e, String code) {
        String actual = e.path("code").asText();
        return code.equals(actual) || "rate_limited".equals(actual);
    }

    private static boolean noRotationAnswered(List<JsonNode> journal) {
        return journal.stream().noneMatch(e -> e.path("op").asText().equals("rotate")
                && !e.path("outcome").asText().equals(Outcome.REFUSED.name()));
    }

    private static void need(Map<String, Map<String, String>> mustExist, String kind, String key, String what) {
        mustExist.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(key, what);
    }

    private static String describe(JsonNode e) {
        StringBuilder b = new StringBuilder(e.path("op").asText());
        b.append(" at ").append(e.path("t0").asLong());
        if (e.has("status")) {
            b.append(" -> ").append(e.path("status").asInt());
        }
        if (e.has("grpc")) {
            b.append(" -> ").append(e.path("grpc").asText());
        }
        if (e.hasNonNull("code")) {
            b.append(' ').append(e.path("code").asText());
        }
        if (e.path("lb").asBoolean()) {
            b.append(" (balancer)");
        }
        for (String k : List.of("user", "conversationId", "messageId", "keyId")) {
            if (e.hasNonNull(k)) {
                b.append(' ').append(k).append('=').append(e.path(k).asText());
            }
        }
        return b.toString();
    }
}
