package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.rest.testapp.RestTestApplication;
import dev.visitorauth.application.FakeTokenVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the HTTP tests: the adapter on a real server on a random port, driven with the JDK's
 * {@link HttpClient}. One application context serves every test class; each test makes its own
 * workspace and widgets, so tests do not see each other's data.
 */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTest {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String PROBLEM_JSON = "application/problem+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    FakeTokenVerifier tokens;

    /** An HTTP answer with its body parsed when it is JSON. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** A workspace created through the API. */
    record Workspace(String id, String apiKey) {
    }

    /** A widget session started through the API. */
    record Session(String token, String visitorId, JsonNode json) {
    }

    // ---- requests ----

    Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentType) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, String bearer, String... headers) {
        return send("GET", path, null, withBearer(bearer, headers));
    }

    Response post(String path, String bearer, String body, String... headers) {
        return send("POST", path, body, withBearer(bearer, headers));
    }

    Response patch(String path, String bearer, String body) {
        return send("PATCH", path, body, withBearer(bearer));
    }

    Response delete(String path, String bearer, String... headers) {
        return send("DELETE", path, null, withBearer(bearer, headers));
    }

    private static String[] withBearer(String bearer, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (bearer != null) {
            all.add("Authorization");
            all.add("Bearer " + bearer);
        }
        return all.toArray(String[]::new);
    }

    // ---- set-up through the API ----

    Workspace newWorkspace() {
        Response r = post("/v1/workspaces", RestTestApplication.SYSTEM_KEY, "{\"name\":\"Acme\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Workspace(r.json().get("id").stringValue(), r.json().get("apiKey").stringValue());
    }

    /** A widget with these extra settings (JSON members without braces, may be empty); returns its id. */
    String newWidget(Workspace workspace, String settings) {
        String body = "{\"name\":\"Support\"" + (settings.isEmpty() ? "" : "," + settings) + "}";
        Response r = post("/v1/admin/widgets", workspace.apiKey(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").stringValue();
    }

    String newWidget(Workspace workspace) {
        return newWidget(workspace, "");
    }

    Response startRaw(String widgetId, String body, String... headers) {
        return send("POST", "/v1/widgets/" + widgetId + "/sessions", body, headers);
    }

    Session start(String widgetId, String body, String... headers) {
        Response r = startRaw(widgetId, body, headers);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode json = r.json();
        return new Session(json.get("sessionToken").stringValue(), json.get("visitorId").stringValue(), json);
    }

    Session anonymous(String widgetId) {
        return start(widgetId, "{}");
    }

    Session login(String widgetId, String externalId, String visitorId) {
        String token = tokens.tokenFor(externalId, Instant.now());
        return start(widgetId, visitorId == null
                ? "{\"visitorToken\":\"" + token + "\"}"
                : "{\"visitorId\":\"" + visitorId + "\",\"visitorToken\":\"" + token + "\"}");
    }

    /** Starts a conversation; returns its id. */
    String say(Session session, String text) {
        Response r = post("/v1/conversations", session.token(), "{\"text\":\"" + text + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").stringValue();
    }

    List<String> conversationIds(Session session) {
        Response r = get("/v1/conversations", session.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("conversations").values().forEach(c -> ids.add(c.get("id").stringValue()));
        return ids;
    }

    // ---- assertions ----

    /**
     * Asserts an RFC 9457 problem with this status and code, and that it carries no stack trace or
     * internal detail. Returns its JSON.
     */
    static JsonNode assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = r.json();
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        if (code == null) {
            assertThat(problem.has("code")).isFalse();
            assertThat(problem.get("type") == null || problem.get("type").stringValue().equals("about:blank")).isTrue();
        } else {
            assertThat(problem.get("code").stringValue()).isEqualTo(code);
            assertThat(problem.get("type").stringValue()).isEqualTo("https://visitorauth.dev/problems/" + code);
        }
        assertNoInternals(r.body());
        return problem;
    }

    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception", "\tat ", "at dev.visitorauth", "at org.springframework", "trace",
                RestTestApplication.INTERNAL_DETAIL, "hunter2");
    }
}
