package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The JSON limits of request bodies in the real server, each refusal naming its limit (spec section
 * 8). The limits themselves and unknown members are {@code JsonBodyTest}'s.
 */
class JsonLimitsApiTest extends ApiTest {

    /** An object nested {@code depth} levels deep, the outer one counting as 1, under visitorId. */
    private static String nested(int depth) {
        return "{\"visitorId\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @Test
    void refusesNestingDeeperThan64LevelsNamingTheLimit() {
        String widget = newWidget(newWorkspace());

        JsonNode tooDeep = assertProblem(startRaw(widget, nested(65)), 400, "invalid_request");
        JsonNode deepest = assertProblem(startRaw(widget, nested(64)), 400, "invalid_request");

        assertThat(tooDeep.get("detail").stringValue()).contains("nested deeper than 64 levels");
        assertThat(deepest.get("claim").stringValue()).as("64 levels are parsed, then judged").isEqualTo("visitorId");
    }

    @Test
    void refusesANumberLongerThan100CharactersNamingTheLimit() {
        String widget = newWidget(newWorkspace());

        JsonNode problem = assertProblem(startRaw(widget, "{\"visitorId\":" + "1".repeat(101) + "}"), 400,
                "invalid_request");

        assertThat(problem.get("detail").stringValue()).contains("number", "longer than 100 characters");
    }
}
