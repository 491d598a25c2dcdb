package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security headers on every kind of answer, and CORS exactly by each widget's allowed origins (spec sections 9, 14). */
class EdgeHeadersApiTest extends ApiTest {
    private static final String SHOP = "https://shop.example.com";
    private static final String EVIL = "https://evil.example.net";

    private static void assertSecurityHeaders(String what, Response r) {
        assertThat(r.header("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(r.header("Referrer-Policy")).as(what).contains("no-referrer");
        assertThat(r.header("X-Frame-Options")).as(what).contains("DENY");
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        Workspace workspace = newWorkspace();
        String widget = newWidget(workspace);
        Map<String, Response> answers = Map.of(
                "201", startRaw(widget, "{}"),
                "401 problem", get("/v1/session", null),
                "404 unknown path", get("/nothing-here", null),
                "405", send("PUT", "/v1/session", "{}"),
                "400 bad json", startRaw(widget, "{"),
                "OpenAPI", get("/v3/api-docs", null),
                "preflight", send("OPTIONS", "/v1/session", null, "Origin", SHOP, "Access-Control-Request-Method", "GET"),
                "admin 200", get("/v1/admin/widgets/" + widget, workspace.apiKey()));
        answers.forEach(EdgeHeadersApiTest::assertSecurityHeaders);
    }

    @Test
    void aWidgetWithAListGrantsItsOriginsOnly() {
        String widget = newWidget(newWorkspace(), "\"allowedOrigins\":[\"" + SHOP + "\"]");
        String path = "/v1/widgets/" + widget + "/sessions";

        Response allowedPreflight = preflight(path, SHOP, "POST");
        Response foreignPreflight = preflight(path, EVIL, "POST");
        Response allowed = startRaw(widget, "{}", "Origin", SHOP);
        Response foreign = startRaw(widget, "{}", "Origin", EVIL);

        assertThat(allowedPreflight.status()).isEqualTo(200);
        assertThat(allowedPreflight.header("Access-Control-Allow-Origin")).contains(SHOP);
        assertProblem(foreignPreflight, 403, "origin_not_allowed");
        assertThat(foreignPreflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.header("Access-Control-Allow-Origin")).contains(SHOP);
        assertProblem(foreign, 403, "origin_not_allowed");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aWidgetWithNoListGrantsAnyOrigin() {
        String widget = newWidget(newWorkspace());
        String path = "/v1/widgets/" + widget + "/sessions";

        assertThat(preflight(path, EVIL, "POST").header("Access-Control-Allow-Origin")).contains("*");
        assertThat(startRaw(widget, "{}", "Origin", EVIL).header("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void sessionPathsAnswerAnyPreflightAndJudgeTheRealRequestByTheSessionsWidget() {
        String widget = newWidget(newWorkspace(), "\"allowedOrigins\":[\"" + SHOP + "\"]");
        Session session = start(widget, "{}", "Origin", SHOP);

        for (String path : List.of("/v1/session", "/v1/conversations")) {
            Response anyPreflight = preflight(path, EVIL, "GET");
            Response allowed = get(path, session.token(), "Origin", SHOP);
            Response foreign = get(path, session.token(), "Origin", EVIL);

            assertThat(anyPreflight.status()).as(path).isEqualTo(200);
            assertThat(anyPreflight.header("Access-Control-Allow-Origin")).as(path).contains("*");
            assertThat(allowed.status()).as(path).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).as(path).contains(SHOP);
            assertProblem(foreign, 403, "origin_not_allowed");
            assertThat(foreign.header("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
    }

    @Test
    void sessionPathsOfAWidgetWithNoListGrantAnyOrigin() {
        Session session = anonymous(newWidget(newWorkspace()));

        Response r = get("/v1/session", session.token(), "Origin", EVIL);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).contains("*");
    }

    private Response preflight(String path, String origin, String method) {
        return send("OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "content-type,authorization");
    }
}
