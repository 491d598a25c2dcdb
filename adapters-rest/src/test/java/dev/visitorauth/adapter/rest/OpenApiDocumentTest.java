package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document is exact (spec sections 9 and 14), fetched from the real server with a forged Host. */
class OpenApiDocumentTest extends ApiTest {

    private JsonNode document() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.write("GET /v3/api-docs HTTP/1.1\r\nHost: evil.example.net\r\nX-Forwarded-Host: evil2.example.net\r\n"
                    + "Connection: close\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).doesNotContain("evil");
            return JSON.readTree(answer.body());
        }
    }

    private static JsonNode operation(JsonNode docs, String path, String method) {
        return docs.get("paths").get(path).get(method);
    }

    @Test
    void namesARelativeServerNotTheRequestsHost() throws Exception {
        JsonNode servers = document().get("servers");

        assertThat(servers.size()).isEqualTo(1);
        assertThat(servers.get(0).get("url").stringValue()).isEqualTo("/");
    }

    @Test
    void givesEachOperationItsRealSuccessStatus() throws Exception {
        JsonNode docs = document();

        assertThat(operation(docs, "/v1/widgets/{widgetId}/sessions", "post").get("responses").propertyNames())
                .contains("201").doesNotContain("200");
        assertThat(operation(docs, "/v1/session", "delete").get("responses").propertyNames())
                .contains("204").doesNotContain("200");
        assertThat(operation(docs, "/v1/session", "get").get("responses").propertyNames()).contains("200");
        assertThat(operation(docs, "/v1/workspaces", "post").get("responses").propertyNames()).contains("201");
        assertThat(operation(docs, "/v1/admin/widgets/{widgetId}/secret/rotate", "post").get("responses").propertyNames())
                .contains("200").doesNotContain("201");
        assertThat(operation(docs, "/v1/session", "get").get("responses").get("200").get("content").propertyNames())
                .containsExactly("application/json");
    }

    @Test
    void describesKeyManagementWithItsStatusesSchemesAndBody() throws Exception {
        JsonNode docs = document();
        JsonNode add = operation(docs, "/v1/admin/widgets/{widgetId}/keys", "post");
        JsonNode delete = operation(docs, "/v1/admin/widgets/{widgetId}/keys/{keyId}", "delete");

        assertThat(add.get("responses").propertyNames()).contains("201", "400", "404").doesNotContain("200");
        assertThat(delete.get("responses").propertyNames()).contains("204", "404").doesNotContain("200");
        assertThat(add.get("security").get(0).propertyNames()).containsExactly("workspaceApiKey");
        assertThat(delete.get("security").get(0).propertyNames()).containsExactly("workspaceApiKey");
        assertThat(add.get("requestBody").toString()).contains("AddWidgetKeyRequest");
        assertThat(docs.get("components").get("schemas").get("WidgetSettingsRequest").get("properties").propertyNames())
                .contains("jwksUrl");
        assertThat(docs.get("components").get("schemas").get("WidgetResponse").get("properties").propertyNames())
                .contains("jwksUrl", "keys");
    }

    @Test
    void describesErrorsAsProblemJson() throws Exception {
        JsonNode docs = document();
        JsonNode problem = docs.get("components").get("schemas").get("Problem");

        assertThat(problem.get("properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "code", "claim");
        JsonNode unauthorized = operation(docs, "/v1/session", "get").get("responses").get("401");
        assertThat(unauthorized.get("content").get("application/problem+json").get("schema").get("$ref").stringValue())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(operation(docs, "/v1/widgets/{widgetId}/sessions", "post").get("responses").propertyNames())
                .contains("400", "401", "403", "404", "413", "429", "503");
    }

    @Test
    void namesTheOneBearerSchemeEachOperationTakes() throws Exception {
        JsonNode docs = document();

        assertThat(docs.get("components").get("securitySchemes").propertyNames())
                .containsExactlyInAnyOrder("sessionToken", "workspaceApiKey", "systemApiKey");
        assertThat(schemes(operation(docs, "/v1/session", "get"))).containsExactly("sessionToken");
        assertThat(schemes(operation(docs, "/v1/admin/widgets", "post"))).containsExactly("workspaceApiKey");
        assertThat(schemes(operation(docs, "/v1/workspaces", "post"))).containsExactly("systemApiKey");
        assertThat(schemes(operation(docs, "/v1/widgets/{widgetId}/sessions", "post"))).isEmpty();
    }

    private static List<String> schemes(JsonNode operation) {
        List<String> names = new ArrayList<>();
        JsonNode security = operation.get("security");
        if (security != null) {
            security.values().forEach(requirement -> names.addAll(requirement.propertyNames()));
        }
        return names;
    }
}
