package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.FakeJwkParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The REST mapping of public-key management (spec section 12): bodies, statuses and the widget's
 * {@code jwksUrl} and {@code keys}. JWKs are the fake parser's; the real path runs in the server's tests.
 */
class WidgetKeysApiTest extends ApiTest {
    @Autowired
    FakeJwkParser jwks;

    private Response addKey(Workspace ws, String widgetId, String body) {
        return post("/v1/admin/widgets/" + widgetId + "/keys", ws.apiKey(), body);
    }

    @Test
    void anUploadedKeyAnswers201WithItsKeyIdAndIsListedWithTheWidget() {
        Workspace ws = newWorkspace();
        String widgetId = newWidget(ws);

        Response r = addKey(ws, widgetId, "{\"jwk\":" + jwks.ecKey(Optional.of("shop-1")) + "}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().propertyNames()).containsExactly("keyId");
        assertThat(r.json().get("keyId").stringValue()).isEqualTo("shop-1");
        JsonNode keys = get("/v1/admin/widgets/" + widgetId, ws.apiKey()).json().get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).propertyNames()).containsExactly("keyId", "kty", "alg", "createdAt");
        assertThat(keys.get(0).get("kty").stringValue()).isEqualTo("EC");
        assertThat(keys.get(0).get("alg").stringValue()).isEqualTo("ES256");
    }

    @Test
    void anRsaKeyWithoutAlgShowsBothAlgorithmsItVerifies() {
        Workspace ws = newWorkspace();
        String widgetId = newWidget(ws);
        addKey(ws, widgetId, "{\"jwk\":" + jwks.rsaKey("rsa-1", 2048, Optional.empty()) + "}");

        JsonNode key = get("/v1/admin/widgets/" + widgetId, ws.apiKey()).json().get("keys").get(0);

        assertThat(key.get("alg").stringValue()).isEqualTo("RS256,PS256");
    }

    @Test
    void jwkMustBeAJsonObjectAndIsRequired() {
        Workspace ws = newWorkspace();
        String widgetId = newWidget(ws);

        assertThat(assertProblem(addKey(ws, widgetId, "{}"), 400, "invalid_request").get("claim").stringValue()).isEqualTo("jwk");
        assertThat(assertProblem(addKey(ws, widgetId, "{\"jwk\":\"{}\"}"), 400, "invalid_request").get("claim").stringValue())
                .isEqualTo("jwk");
        assertThat(assertProblem(addKey(ws, widgetId, "{\"jwk\":null}"), 400, "invalid_request").get("claim").stringValue())
                .isEqualTo("jwk");
    }

    @Test
    void deletingAnswers204AndAnUnknownKeyIs404NotFound() {
        Workspace ws = newWorkspace();
        String widgetId = newWidget(ws);
        addKey(ws, widgetId, "{\"jwk\":" + jwks.ecKey(Optional.of("gone")) + "}");

        Response deleted = delete("/v1/admin/widgets/" + widgetId + "/keys/gone", ws.apiKey());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(delete("/v1/admin/widgets/" + widgetId + "/keys/gone", ws.apiKey()), 404, "not_found");
    }

    @Test
    void jwksUrlIsSetOnCreateShownAndRemovedByAPatchWithNull() {
        Workspace ws = newWorkspace();
        String widgetId = newWidget(ws, "\"jwksUrl\":\"https://idp.example.com/jwks.json\"");
        assertThat(get("/v1/admin/widgets/" + widgetId, ws.apiKey()).json().get("jwksUrl").stringValue())
                .isEqualTo("https://idp.example.com/jwks.json");

        Response kept = patch("/v1/admin/widgets/" + widgetId, ws.apiKey(), "{\"name\":\"Renamed\"}");
        Response removed = patch("/v1/admin/widgets/" + widgetId, ws.apiKey(), "{\"jwksUrl\":null}");

        assertThat(kept.json().get("jwksUrl").stringValue()).isEqualTo("https://idp.example.com/jwks.json");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("jwksUrl").isNull()).as("present and null").isTrue();
        assertThat(get("/v1/admin/widgets/" + widgetId, ws.apiKey()).json().get("jwksUrl").isNull()).isTrue();
    }

    @Test
    void aJwksUrlOfTheWrongTypeOrSchemeIsRefusedNamingIt() {
        Workspace ws = newWorkspace();
        String widgetId = newWidget(ws);

        assertThat(assertProblem(patch("/v1/admin/widgets/" + widgetId, ws.apiKey(), "{\"jwksUrl\":42}"), 400, "invalid_request")
                .get("claim").stringValue()).isEqualTo("jwksUrl");
        assertThat(assertProblem(patch("/v1/admin/widgets/" + widgetId, ws.apiKey(),
                "{\"jwksUrl\":\"http://idp.example.com/jwks\"}"), 400, "invalid_request").get("claim").stringValue())
                .isEqualTo("jwksUrl");
    }
}
