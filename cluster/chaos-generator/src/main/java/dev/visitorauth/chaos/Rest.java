package dev.visitorauth.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST side of the generator: one shared HTTP/1.1 client through the balancer. */
final class Rest {
    /** One answer: status 0 when the client gave up (timeout, connection broken). */
    record Answer(long sentAt, long answeredAt, int status, String code, boolean fromBalancer, JsonNode body) {
        Outcome outcome() {
            return Outcome.ofHttp(status, code);
        }

        /** Fills the journal entry's common members. */
        ObjectNode into(ObjectNode entry) {
            entry.put("t0", sentAt).put("t1", answeredAt).put("status", status).put("outcome", outcome().name());
            if (code != null) {
                entry.put("code", code);
            }
            if (fromBalancer) {
                entry.put("lb", true);
            }
            return entry;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;

    Rest(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    Answer post(String path, String bearer, JsonNode body) {
        return send("POST", path, bearer, body);
    }

    Answer get(String path, String bearer) {
        return send("GET", path, bearer, null);
    }

    private Answer send(String method, String path, String bearer, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long sent = System.currentTimeMillis();
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long done = System.currentTimeMillis();
            JsonNode json = NullNode.getInstance();
            String text = r.body();
            if (text != null && !text.isEmpty() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
                try {
                    json = Journal.JSON.readTree(text);
                } catch (IOException e) {
                    json = NullNode.getInstance();
                }
            }
            String code = json.hasNonNull("code") && r.statusCode() >= 400 ? json.get("code").asText() : null;
            boolean lb = r.headers().firstValue("X-Visitorauth-Lb").isPresent();
            return new Answer(sent, done, r.statusCode(), code, lb, json);
        } catch (IOException e) {
            return new Answer(sent, System.currentTimeMillis(), 0, e.getClass().getSimpleName(), false, NullNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(sent, System.currentTimeMillis(), 0, "interrupted", false, NullNode.getInstance());
        }
    }
}
