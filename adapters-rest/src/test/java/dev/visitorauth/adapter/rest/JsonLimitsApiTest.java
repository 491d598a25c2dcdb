package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The JSON limits and unknown members of request bodies, against the real server (spec sections 8 and 14). */
class JsonLimitsApiTest extends ApiTest {

    /** An object nested {@code depth} levels deep, the outer one counting as 1, under visitorId. */
    private static String nested(int depth) {
        return "{\"visitorId\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @Test
    void refusesNestingDeeperThan64LevelsNamingTheLimit() {
        String widget = newWidget(newWorkspace());

        JsonNode problem = assertProblem(startRaw(widget, nested(65)), 400, "invalid_request");

        assertThat(problem.get("detail").stringValue()).contains("nested deeper than 64 levels");
    }

    @Test
    void parses64LevelsAndJudgesTheMembers() {
        String widget = newWidget(newWorkspace());

        JsonNode problem = assertProblem(startRaw(widget, nested(64)), 400, "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo("visitorId");
    }

    @Test
    void refusesANumberLongerThan100CharactersNamingTheLimit() {
        String widget = newWidget(newWorkspace());

        JsonNode problem = assertProblem(startRaw(widget, "{\"visitorId\":" + "1".repeat(101) + "}"), 400,
                "invalid_request");

        assertThat(problem.get("detail").stringValue()).contains("number", "longer than 100 characters");
    }

    @Test
    void refusesAnUnknownMemberNamingIt() {
        String widget = newWidget(newWorkspace());

        JsonNode problem = assertProblem(startRaw(widget, "{\"visitorID\":\"v_123\"}"), 400, "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo("visitorID");
        assertThat(problem.get("detail").stringValue()).contains("visitorID", "visitorId");
    }

    @Test
    void refusesUnknownMembersOnAdminBodiesToo() {
        Workspace workspace = newWorkspace();

        JsonNode problem = assertProblem(post("/v1/admin/widgets", workspace.apiKey(),
                "{\"name\":\"Support\",\"allowedOrigin\":[\"https://shop.example.com\"]}"), 400, "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo("allowedOrigin");
    }
}
