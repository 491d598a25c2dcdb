package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.VisitorTokens;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** What operators see: health with the database, Prometheus metrics, structured failure logs, and the OpenAPI document. */
@OnH2
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends ServerTestBase {

    private double metric(String name, String outcome) {
        Response r = management.get("/actuator/prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                + "\"[^}]*} (\\S+)$").matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void prometheusCountsVerificationsByOutcomeCode() {
        Widget widget = api.newWidget();
        String counter = "visitorauth_token_verifications_total";
        double valid0 = metric(counter, "valid");
        double expired0 = metric(counter, "token_expired");
        double signature0 = metric(counter, "invalid_signature");

        api.start(widget, null, valid(widget, newUserId()));
        api.start(widget, null, sign(widget.secret(), claims(newUserId()).times(-400, -300)));
        api.start(widget, null, sign(widget.secret(), claims(newUserId()).times(-400, -300)));
        api.start(widget, null, valid(api.createWidget(widget.workspace()), newUserId()));

        assertThat(metric(counter, "valid")).isEqualTo(valid0 + 1);
        assertThat(metric(counter, "token_expired")).isEqualTo(expired0 + 2);
        assertThat(metric(counter, "invalid_signature")).isEqualTo(signature0 + 1);
    }

    /**
     * A replayed jti and a missing token in required mode are failed verifications like any other
     * (spec section 5 records them), and the counter has series for them, but they are decided
     * after the verifier, so the counter never moves for them and counts the replay as valid.
     */
    @Test
    void prometheusCountsReplaysAndMissingTokensUnderTheirOwnCodes() {
        Widget widget = api.newWidget();
        Widget required = api.createWidget(widget.workspace(), java.util.Map.of("mode", "required"));
        String counter = "visitorauth_token_verifications_total";
        double valid0 = metric(counter, "valid");
        double replayed0 = metric(counter, "token_replayed");
        double required0 = metric(counter, "token_required");
        String token = sign(widget.secret(), claims(newUserId()).jti());

        api.start(widget, null, token);
        api.start(widget, null, token);
        api.start(required, null, null);

        assertThat(metric(counter, "valid")).as("only the first use of the jti was valid").isEqualTo(valid0 + 1);
        assertThat(metric(counter, "token_replayed")).isEqualTo(replayed0 + 1);
        assertThat(metric(counter, "token_required")).isEqualTo(required0 + 1);
    }

    @Test
    void prometheusTimesSessionStartsByOutcome() {
        Widget widget = api.newWidget();
        double started0 = metric("visitorauth_session_starts_seconds_count", "anonymous");

        api.startOk(widget, null, null);
        api.start(widget, null, "not-a-token");

        assertThat(metric("visitorauth_session_starts_seconds_count", "anonymous")).isEqualTo(started0 + 1);
        assertThat(metric("visitorauth_session_starts_seconds_count", "malformed_token")).isGreaterThanOrEqualTo(1);
        assertThat(management.get("/actuator/prometheus", null).body()).contains("visitorauth_session_starts_seconds_sum");
    }

    @Test
    void managementHealthShowsTheDatabaseAndGrpc() {
        Response health = management.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.text("components", "db", "status")).isEqualTo("UP");
        assertThat(health.text("components", "grpc", "status")).isEqualTo("UP");
    }

    @Test
    void readinessCoversTheDatabaseAndGrpc() {
        Response readiness = management.get("/actuator/health/readiness", null);

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db", "grpc");
    }

    @Test
    void theApiPortAnswersHealthWithItsStatusOnly() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Response health = api.get(path, null);

            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.json().propertyNames()).as(path).containsExactly("status");
            assertThat(health.text("status")).as(path).isEqualTo("UP");
        }
    }

    /** Spec section 9: every HTTP answer, the management port's included. */
    @Test
    void theManagementPortSendsTheSecurityHeadersToo() {
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/no-such-endpoint"}) {
            Response r = management.get(path, null);

            assertThat(r.headers().firstValue("X-Content-Type-Options").orElse(null)).as(path).isEqualTo("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy").orElse(null)).as(path).isEqualTo("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options").orElse(null)).as(path).isEqualTo("DENY");
        }
    }

    @Test
    void theApiPortServesNoMetrics() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator"}) {
            assertThat(api.get(path, null).status()).as(path).isEqualTo(404);
        }
        assertThat(management.get("/actuator/metrics", null).status()).isEqualTo(200);
    }

    @Test
    void aFailedVerificationIsLoggedAsOneStructuredLineWithoutTokenOrSecret(CapturedOutput output) {
        Widget widget = api.newWidget();
        String token = sign(widget.secret(), widget.keyId(), claims(newUserId()).times(-400, -300));

        api.start(widget, null, token, "Origin", "https://shop.example.com");

        String line = output.getAll().lines().filter(l -> l.contains("auth_failure") && l.contains(widget.id()))
                .findFirst().orElseThrow(() -> new AssertionError("no auth_failure line for " + widget.id()));
        assertThat(line).contains("code=token_expired").contains("claim=\"exp\"").contains("kid=\"" + widget.keyId() + "\"")
                .contains("origin=\"https://shop.example.com\"");
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(VisitorTokens.signatureOf(token))
                .doesNotContain(widget.secret()).doesNotContain(widget.apiKey());
    }

    @Test
    void theOpenApiDocumentDescribesTheV1Api() {
        Response docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.contentType()).startsWith("application/json");
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.propertyNames()).contains("/v1/widgets/{widgetId}/sessions", "/v1/session", "/v1/conversations",
                "/v1/conversations/{conversationId}/messages", "/v1/workspaces", "/v1/admin/widgets",
                "/v1/admin/widgets/{widgetId}", "/v1/admin/widgets/{widgetId}/secret",
                "/v1/admin/widgets/{widgetId}/secret/rotate", "/v1/admin/widgets/{widgetId}/auth-failures",
                "/v1/admin/widgets/{widgetId}/token-inspections", "/v1/admin/users", "/v1/admin/users/{externalId}",
                "/v1/admin/conversations/{conversationId}", "/v1/admin/conversations/{conversationId}/messages");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
