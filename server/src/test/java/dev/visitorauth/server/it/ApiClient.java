package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.testing.VisitorTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of a running server over real HTTP ({@link HttpClient}, HTTP/1.1), with the calls
 * the tests make most: create a workspace and a widget, start a session, read conversations, and
 * the admin reads. Every call returns the raw {@link Response}; the {@code ...Ok} variants assert
 * the success status first.
 */
final class ApiClient {
    /** The system API key every test server is configured with. */
    static final String SYSTEM_KEY = "it-system-key-0123456789abcdef";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;

    ApiClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    URI base() {
        return base;
    }

    // ---- raw HTTP ----

    /** A response: status, headers and body text; {@link #json()} parses the body. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        /** The text of a member path ({@code "user", "name"}), or null when absent or JSON null. */
        String text(String... path) {
            return ApiClient.text(json(), path);
        }

        String code() {
            return text("code");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** The text at {@code path} in {@code node}, or null when absent or JSON null. */
    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? null : n.asString();
    }

    Response send(String method, String path, String bearer, String body, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        boolean contentTypeGiven = false;
        for (int i = 0; i < headerPairs.length; i += 2) {
            contentTypeGiven |= headerPairs[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentTypeGiven) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, String bearer, String... headerPairs) {
        return send("GET", path, bearer, null, headerPairs);
    }

    Response post(String path, String bearer, Object body, String... headerPairs) {
        return send("POST", path, bearer, body == null ? null : body instanceof String s ? s : json(body), headerPairs);
    }

    Response patch(String path, String bearer, Object body) {
        return send("PATCH", path, bearer, body instanceof String s ? s : json(body));
    }

    Response delete(String path, String bearer) {
        return send("DELETE", path, bearer, null);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A valid token for {@code userId} signed with the widget's current secret. */
    static String valid(Widget widget, String userId) {
        return VisitorTokens.sign(widget.secret(), VisitorTokens.claims(userId));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- workspaces and widgets ----

    record Workspace(String id, String apiKey) {
    }

    record Widget(Workspace workspace, String id, String secret, String keyId) {
        String apiKey() {
            return workspace.apiKey();
        }

        /** This widget with a new current secret (after a rotation). */
        Widget withSecret(String newSecret, String newKeyId) {
            return new Widget(workspace, id, newSecret, newKeyId);
        }
    }

    Workspace createWorkspace() {
        Response r = post("/v1/workspaces", SYSTEM_KEY, Map.of("name", "Acme " + UUID.randomUUID()));
        assertThat(r.status()).as("create workspace: %s", r).isEqualTo(201);
        return new Workspace(r.text("id"), r.text("apiKey"));
    }

    Widget createWidget(Workspace workspace) {
        return createWidget(workspace, Map.of());
    }

    /** A widget with {@code settings} (mode, maxTokenLifetimeSeconds, requireJti, allowedOrigins...). */
    Widget createWidget(Workspace workspace, Map<String, ?> settings) {
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.putIfAbsent("name", "Support widget");
        Response r = post("/v1/admin/widgets", workspace.apiKey(), body);
        assertThat(r.status()).as("create widget: %s", r).isEqualTo(201);
        return new Widget(workspace, r.text("id"), r.text("secret"), r.text("keyId"));
    }

    /** A new workspace with one widget. */
    Widget newWidget(Map<String, ?> settings) {
        return createWidget(createWorkspace(), settings);
    }

    Widget newWidget() {
        return newWidget(Map.of());
    }

    Response patchWidget(Widget widget, Map<String, ?> changes) {
        return patch("/v1/admin/widgets/" + widget.id(), widget.apiKey(), changes);
    }

    Response rotate(Widget widget, Long graceSeconds) {
        return post("/v1/admin/widgets/" + widget.id() + "/secret/rotate", widget.apiKey(),
                graceSeconds == null ? Map.of() : Map.of("graceSeconds", graceSeconds));
    }

    /** Rotates and returns the widget with its new secret. */
    Widget rotateOk(Widget widget, Long graceSeconds) {
        Response r = rotate(widget, graceSeconds);
        assertThat(r.status()).as("rotate: %s", r).isEqualTo(200);
        assertThat(r.text("keyId")).isNotEqualTo(widget.keyId());
        assertThat(r.text("secret")).isNotEqualTo(widget.secret());
        return widget.withSecret(r.text("secret"), r.text("keyId"));
    }

    Response authFailures(Widget widget) {
        return get("/v1/admin/widgets/" + widget.id() + "/auth-failures", widget.apiKey());
    }

    Response inspect(Widget widget, String token) {
        return post("/v1/admin/widgets/" + widget.id() + "/token-inspections", widget.apiKey(), Map.of("token", token));
    }

    Response user(Workspace workspace, String externalId) {
        return get("/v1/admin/users/" + encode(externalId), workspace.apiKey());
    }

    Response users(Workspace workspace, String query) {
        return get("/v1/admin/users" + (query == null ? "" : "?q=" + encode(query)), workspace.apiKey());
    }

    Response adminConversation(Workspace workspace, String conversationId) {
        return get("/v1/admin/conversations/" + conversationId, workspace.apiKey());
    }

    // ---- widget sessions ----

    /** What a successful start-up returned. */
    record Session(String token, String visitorId, String status, JsonNode user, Response response) {
        boolean authenticated() {
            return "authenticated".equals(status);
        }

        String userId() {
            return ApiClient.text(user, "id");
        }
    }

    /** {@code POST /v1/widgets/{id}/sessions}; null visitorId or token are left out of the body. */
    Response start(Widget widget, String visitorId, String token, String... headerPairs) {
        return start(widget.id(), visitorId, token, headerPairs);
    }

    Response start(String widgetId, String visitorId, String token, String... headerPairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (visitorId != null) {
            body.put("visitorId", visitorId);
        }
        if (token != null) {
            body.put("visitorToken", token);
        }
        return post("/v1/widgets/" + widgetId + "/sessions", null, body, headerPairs);
    }

    Session startOk(Widget widget, String visitorId, String token, String... headerPairs) {
        Response r = start(widget, visitorId, token, headerPairs);
        assertThat(r.status()).as("start-up: %s", r).isEqualTo(201);
        return session(r);
    }

    static Session session(Response r) {
        JsonNode json = r.json();
        return new Session(text(json, "sessionToken"), text(json, "visitorId"), text(json, "status"), json.path("user"), r);
    }

    Response currentSession(String sessionToken, String... headerPairs) {
        return get("/v1/session", sessionToken, headerPairs);
    }

    Response endSession(String sessionToken) {
        return delete("/v1/session", sessionToken);
    }

    Response conversations(String sessionToken) {
        return get("/v1/conversations", sessionToken);
    }

    /** The ids of the session's conversations, newest first. */
    List<String> conversationIds(String sessionToken) {
        Response r = conversations(sessionToken);
        assertThat(r.status()).as("conversations: %s", r).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("conversations").forEach(c -> ids.add(text(c, "id")));
        return ids;
    }

    Response startConversation(String sessionToken, String text) {
        return post("/v1/conversations", sessionToken, Map.of("text", text));
    }

    /** Starts a conversation and returns its id. */
    String startConversationOk(String sessionToken, String text) {
        Response r = startConversation(sessionToken, text);
        assertThat(r.status()).as("start conversation: %s", r).isEqualTo(201);
        return r.text("id");
    }

    Response messages(String sessionToken, String conversationId) {
        return get("/v1/conversations/" + conversationId + "/messages", sessionToken);
    }

    Response postMessage(String sessionToken, String conversationId, String text) {
        return post("/v1/conversations/" + conversationId + "/messages", sessionToken, Map.of("text", text));
    }

    /** Every visitor id of a user, read through {@code GET /v1/admin/users/{id}/visitors} page by page. */
    List<String> allVisitorIds(Workspace workspace, String externalId) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get("/v1/admin/users/" + encode(externalId) + "/visitors?limit=100"
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)), workspace.apiKey());
            assertThat(page.status()).as("visitors: %s", page).isEqualTo(200);
            page.json().path("visitors").forEach(v -> ids.add(text(v, "id")));
            cursor = page.text("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
