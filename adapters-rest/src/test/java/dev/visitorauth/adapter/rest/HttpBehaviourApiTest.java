package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.rest.testapp.RestTestApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Errors outside the use cases, CORS, and the OpenAPI description. */
class HttpBehaviourApiTest extends ApiTest {

    @Test
    void answersAnUnknownPathWithANotFoundProblem() {
        assertProblem(get("/v1/nothing-here", null), 404, "not_found");
        assertProblem(get("/nothing-here", null), 404, "not_found");
    }

    @Test
    void answersAWrongMethodWithAProblemAndAllow() {
        Response r = send("PUT", "/v1/session", "{}");

        assertProblem(r, 405, "invalid_request");
        assertThat(r.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "DELETE"));
    }

    @Test
    void answersProblemJsonEvenToClientsAcceptingOnlyJson() {
        Response r = get("/v1/session", null, "Accept", "application/json");

        assertProblem(r, 401, "unauthenticated");
    }

    @Test
    void answersStorageFailuresWithUnavailableAndNoDetail() {
        Response r = get("/v1/admin/users/" + RestTestApplication.STORAGE_DOWN_USER, newWorkspace().apiKey());

        JsonNode problem = assertProblem(r, 503, "unavailable");
        assertThat(problem.get("detail").stringValue()).doesNotContain("connection");
    }

    @Test
    void answersUnexpectedFailuresWithAGeneric500() {
        Response r = get("/v1/admin/users/" + RestTestApplication.BROKEN_USER, newWorkspace().apiKey());

        assertProblem(r, 500, null);
        assertThat(r.body()).doesNotContain("invariant", "IllegalState");
    }

    @Test
    void allowsAnyOriginToPreflightTheSessionsPath() {
        Response r = send("OPTIONS", "/v1/widgets/wgt_any/sessions", null,
                "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.header("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(r.header("Access-Control-Allow-Headers")).hasValueSatisfying(h -> assertThat(h.toLowerCase())
                .contains("content-type"));
        assertThat(r.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void letsTheWidgetReadItsErrors() {
        Response r = startRaw("wgt_doesnotexist", "{}", "Origin", "https://shop.example.com");

        assertProblem(r, 404, "widget_not_found");
        assertThat(r.header("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void givesAdminPathsNoCors() {
        Response preflight = send("OPTIONS", "/v1/admin/widgets", null,
                "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST");
        Response actual = get("/v1/admin/users", newWorkspace().apiKey(), "Origin", "https://shop.example.com");

        assertThat(preflight.status()).isIn(200, 403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(actual.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void describesTheApiInOpenApi() {
        Response r = get("/v3/api-docs", null);

        assertThat(r.status()).isEqualTo(200);
        JsonNode docs = r.json();
        assertThat(docs.get("paths").propertyNames()).contains(
                "/v1/widgets/{widgetId}/sessions", "/v1/session", "/v1/conversations",
                "/v1/conversations/{conversationId}/messages", "/v1/workspaces", "/v1/admin/widgets",
                "/v1/admin/widgets/{widgetId}", "/v1/admin/widgets/{widgetId}/secret",
                "/v1/admin/widgets/{widgetId}/secret/rotate", "/v1/admin/widgets/{widgetId}/auth-failures",
                "/v1/admin/widgets/{widgetId}/token-inspections", "/v1/admin/users", "/v1/admin/users/{externalId}",
                "/v1/admin/conversations/{conversationId}", "/v1/admin/conversations/{conversationId}/messages");
        assertThat(docs.get("components").get("securitySchemes").propertyNames())
                .contains("sessionToken", "workspaceApiKey", "systemApiKey");
        List<String> parameters = new ArrayList<>();
        docs.get("paths").forEachEntry((path, item) -> item.forEachEntry((method, operation) -> {
            JsonNode params = operation.get("parameters");
            if (params != null) {
                params.values().forEach(p -> parameters.add(p.get("name").stringValue()));
            }
        }));
        assertThat(parameters).doesNotContain("workspace", "session", "caller", "body", "request")
                .contains("widgetId", "limit", "q", "cursor");
        assertThat(docs.get("paths").get("/v1/widgets/{widgetId}/sessions").get("post").get("requestBody").toString())
                .contains("StartSessionRequest");
    }

    @Test
    void servesSwaggerUi() {
        Response r = get("/swagger-ui.html", null);

        assertThat(r.status()).isIn(200, 301, 302);
        if (r.status() != 200) {
            String location = r.header("Location").orElseThrow();
            assertThat(location).contains("swagger-ui");
            String path = location.startsWith("http") ? location.substring(location.indexOf('/', "http://".length())) : location;
            assertThat(get(path, null).status()).isEqualTo(200);
        }
    }
}
