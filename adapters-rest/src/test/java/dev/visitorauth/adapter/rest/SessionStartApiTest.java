package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.rest.testapp.RestTestApplication;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.identity.FieldUpdate;
import dev.visitorauth.domain.identity.ProfileUpdate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SessionStartApiTest extends ApiTest {

    @Test
    void startsAnonymousSessionFromAnEmptyBody() {
        String widget = newWidget(newWorkspace());

        Response r = startRaw(widget, null);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.header("Cache-Control")).contains("no-store");
        JsonNode json = r.json();
        assertThat(json.get("sessionToken").stringValue()).isNotBlank();
        assertThat(json.get("visitorId").stringValue()).isNotBlank();
        assertThat(json.get("status").stringValue()).isEqualTo("anonymous");
        assertThat(json.has("user")).isTrue();
        assertThat(json.get("user").isNull()).isTrue();
        assertThat(Instant.parse(json.get("expiresAt").stringValue())).isAfter(Instant.now());
    }

    @Test
    void treatsNullAndEmptyMembersAsAbsent() {
        String widget = newWidget(newWorkspace());

        Session s = start(widget, "{\"visitorId\":null,\"visitorToken\":\"\"}");

        assertThat(s.json().get("status").stringValue()).isEqualTo("anonymous");
    }

    /**
     * Both members reach the use case and its outcome is mapped: the visitor kept, the status, the
     * user with an empty {@code customData} object. Which outcome each start-up gets is
     * {@code LinkingRulesTest}'s and {@code StartSessionTest}'s.
     */
    @Test
    void passesTheVisitorIdAndTokenAndAnswersTheAuthenticatedUser() {
        String widget = newWidget(newWorkspace());
        Session anonymous = anonymous(widget);

        Session upgraded = login(widget, "alice", anonymous.visitorId());

        assertThat(upgraded.visitorId()).isEqualTo(anonymous.visitorId());
        assertThat(upgraded.json().get("status").stringValue()).isEqualTo("authenticated");
        assertThat(upgraded.json().get("user").get("id").stringValue()).isEqualTo("alice");
        assertThat(upgraded.json().get("user").get("customData").isObject()).isTrue();
        assertThat(upgraded.json().get("user").get("customData").isEmpty()).isTrue();
    }

    @Test
    void returnsTheProfileWithClearedValuesAsNull() {
        String widget = newWidget(newWorkspace());
        ProfileUpdate profile = new ProfileUpdate(FieldUpdate.assign("Alice"), FieldUpdate.clear(),
                FieldUpdate.assign("https://cdn.example.com/a.png"), FieldUpdate.keep(), FieldUpdate.assign("Acme"),
                Map.of("plan", FieldUpdate.assign("pro")));
        String token = tokens.tokenFor("42", profile, Optional.empty(), Optional.empty(), Instant.now());

        Session s = start(widget, "{\"visitorToken\":\"" + token + "\"}");

        JsonNode user = s.json().get("user");
        assertThat(user.get("id").stringValue()).isEqualTo("42");
        assertThat(user.get("name").stringValue()).isEqualTo("Alice");
        assertThat(user.get("email").isNull()).isTrue();
        assertThat(user.get("avatar").stringValue()).isEqualTo("https://cdn.example.com/a.png");
        assertThat(user.get("companyId").isNull()).isTrue();
        assertThat(user.get("companyName").stringValue()).isEqualTo("Acme");
        assertThat(user.get("customData").get("plan").stringValue()).isEqualTo("pro");
    }

    @Test
    void refusesAnInvalidTokenWithItsCodeAndClaim() {
        String widget = newWidget(newWorkspace());
        String token = tokens.refusedToken(ErrorCode.TOKEN_EXPIRED, "exp");

        Response r = startRaw(widget, "{\"visitorToken\":\"" + token + "\"}");

        JsonNode problem = assertProblem(r, 401, "token_expired");
        assertThat(problem.get("claim").stringValue()).isEqualTo("exp");
        assertThat(problem.get("title").stringValue()).isEqualTo("Token expired");
        assertThat(r.body()).doesNotContain(token);
    }

    @Test
    void refusesAStartWithoutTokenInRequiredMode() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws, "\"mode\":\"required\"");

        assertProblem(startRaw(widget, "{}"), 401, "token_required");
    }

    @Test
    void answersNotFoundForAnUnknownWidget() {
        assertProblem(startRaw("wgt_doesnotexist", "{}"), 404, "widget_not_found");
    }

    @Test
    void refusesAVisitorIdOfTheWrongJsonType() {
        String widget = newWidget(newWorkspace());

        JsonNode problem = assertProblem(startRaw(widget, "{\"visitorId\":123}"), 400, "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo("visitorId");
    }

    @Test
    void refusesAVisitorTokenOfTheWrongJsonType() {
        String widget = newWidget(newWorkspace());

        JsonNode problem = assertProblem(startRaw(widget, "{\"visitorToken\":{}}"), 400, "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo("visitorToken");
    }

    @Test
    void refusesMalformedJson() {
        String widget = newWidget(newWorkspace());

        assertProblem(startRaw(widget, "{\"visitorId\": \"v_1\""), 400, "invalid_request");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        String widget = newWidget(newWorkspace());

        assertProblem(startRaw(widget, "[\"v_1\"]"), 400, "invalid_request");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        String widget = newWidget(newWorkspace());

        assertProblem(startRaw(widget, "visitorId=v_1", "Content-Type", "application/x-www-form-urlencoded"), 415,
                "invalid_request");
    }

    @Test
    void refusesAnOriginTheWidgetDoesNotAllow() {
        String widget = newWidget(newWorkspace(), "\"allowedOrigins\":[\"https://shop.example.com\"]");

        JsonNode problem = assertProblem(startRaw(widget, "{}", "Origin", "https://evil.example.net"), 403,
                "origin_not_allowed");

        assertThat(problem.get("claim").stringValue()).isEqualTo("Origin");
        assertThat(startRaw(widget, "{}", "Origin", "https://shop.example.com").status()).isEqualTo(201);
        assertThat(startRaw(widget, "{}").status()).isEqualTo(201);
    }

    @Test
    void rateLimitsRepeatedFailuresWithRetryAfter() {
        String widget = newWidget(newWorkspace());
        String bad = "{\"visitorToken\":\"" + tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature") + "\"}";
        for (int i = 0; i < RestTestApplication.FAILURE_LIMIT; i++) {
            assertProblem(startRaw(widget, bad), 401, "invalid_signature");
        }

        Response limited = startRaw(widget, bad);

        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }
}
