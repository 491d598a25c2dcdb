package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.grpc.v1.GetWidgetCoverageRequest;
import dev.visitorauth.adapter.grpc.v1.GetWidgetCoverageResponse;
import dev.visitorauth.adapter.grpc.v1.SetWidgetModeRequest;
import dev.visitorauth.adapter.grpc.v1.SetWidgetModeResponse;
import dev.visitorauth.server.GrpcServerLifecycle;
import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Widget;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage (spec sections 11 and 14) through the whole server: a scripted mix of start-ups in each
 * mode gives exact figures, a switch to required warns, the window is checked, another workspace's
 * widget is 404; and the gRPC equivalents.
 */
@OnH2
class CoverageContract extends ServerTestBase {
    private static final String SHOP = "https://shop.example";
    private static final String WRONG_SECRET = "x".repeat(43);

    @Autowired
    GrpcServerLifecycle grpcServer;

    private final GrpcClients grpcClients = new GrpcClients();

    @AfterEach
    void closeChannels() throws InterruptedException {
        grpcClients.close();
    }

    private Response coverage(Widget widget, String hours) {
        return api.get("/v1/admin/widgets/" + widget.id() + "/coverage" + (hours == null ? "" : "?hours=" + hours),
                widget.apiKey());
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }

    /** Optional, observe and required in turn, with the widget's origin, an unlisted one and none. */
    private Response scriptedMix(Widget w) {
        assertThat(api.start(w, null, null, "Origin", SHOP).status()).isEqualTo(201);
        assertThat(api.start(w, null, valid(w, newUserId())).status()).isEqualTo(201);
        assertProblem(api.start(w, null, sign(WRONG_SECRET, claims(newUserId())), "Origin", SHOP), 401, "invalid_signature");

        assertThat(api.patchWidget(w, Map.of("mode", "observe")).status()).isEqualTo(200);
        assertThat(api.start(w, null, sign(WRONG_SECRET, claims(newUserId())), "Origin", SHOP).status()).isEqualTo(201);
        assertProblem(api.start(w, null, null, "Origin", "https://evil.example"), 403, "origin_not_allowed");

        Response toRequired = api.patchWidget(w, Map.of("mode", "required"));
        assertProblem(api.start(w, null, null), 401, "token_required");
        assertThat(api.start(w, null, valid(w, newUserId()), "Origin", SHOP).status()).isEqualTo(201);
        return toRequired;
    }

    @Test
    void coverageIsExactAfterAScriptedMixOfStartupsInEveryMode() {
        Widget w = api.newWidget(Map.of("allowedOrigins", List.of(SHOP)));
        scriptedMix(w);

        Response r = coverage(w, "24");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json()).isEqualTo(json("""
                {"hours": 24,
                 "counts": {"authenticated": 2, "anonymous": 1, "observedInvalid": 1,
                            "refused": {"invalid_signature": 1, "token_required": 1, "origin_not_allowed": 1}},
                 "byOrigin": {
                   "https://shop.example": {"authenticated": 1, "anonymous": 1, "observedInvalid": 1,
                                            "refused": {"invalid_signature": 1}},
                   "none": {"authenticated": 1, "anonymous": 0, "observedInvalid": 0, "refused": {"token_required": 1}},
                   "other": {"authenticated": 0, "anonymous": 0, "observedInvalid": 0, "refused": {"origin_not_allowed": 1}}},
                 "ifRequired": {"wouldRefuse": 2, "share": %s}}
                """.formatted(2.0 / 7)));
        assertThat(coverage(w, null).json().path("hours").asInt()).isEqualTo(24);
    }

    @Test
    void aPatchToRequiredWarnsWithWhatItWouldHaveRefusedInTheLast24Hours() {
        Widget w = api.newWidget(Map.of("allowedOrigins", List.of(SHOP)));

        Response toRequired = scriptedMix(w);

        assertThat(toRequired.status()).as("%s", toRequired).isEqualTo(200);
        assertThat(toRequired.text("policy", "mode")).isEqualTo("required");
        assertThat(toRequired.json().path("rolloutWarning")).isEqualTo(json("{\"wouldRefuse\": 2, \"share\": 0.4}"));
    }

    @Test
    void noRolloutWarningWhenNothingWouldBeRefused() {
        Widget w = api.newWidget();
        assertThat(api.start(w, null, valid(w, newUserId())).status()).isEqualTo(201);

        Response r = api.patchWidget(w, Map.of("mode", "required"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("rolloutWarning")).as("%s", r).isFalse();
        assertThat(r.json().has("jwksUrl")).as("other members stay, null included").isTrue();
    }

    @Test
    void hoursOutsideOneTo720IsInvalidAndAnotherWorkspacesWidgetIsNotFound() {
        Widget w = api.newWidget();
        Widget other = api.newWidget();

        assertProblem(coverage(w, "0"), 400, "invalid_request", "hours");
        assertProblem(coverage(w, "721"), 400, "invalid_request", "hours");
        assertProblem(coverage(w, "ten"), 400, "invalid_request", "hours");
        assertThat(coverage(w, "720").status()).isEqualTo(200);
        assertProblem(api.get("/v1/admin/widgets/" + other.id() + "/coverage", w.apiKey()), 404, "widget_not_found");
    }

    @Test
    void tenFailedVerificationsInFiveMinutesOnANewWidgetReachTheAdminStreamAsOneSpikeEvent() {
        Widget w = api.newWidget();
        try (SseClient admin = SseClient.open(port, "/v1/admin/stream", w.apiKey(), null)) {
            for (int i = 0; i < 12; i++) {
                assertProblem(api.start(w, null, sign(WRONG_SECRET, claims(newUserId()))), 401, "invalid_signature");
            }

            SseClient.Event spike = admin.next();

            assertThat(spike.type()).isEqualTo("widget.auth_failures_spiked");
            JsonNode data = spike.json().path("data");
            assertThat(data.path("widgetId").asString()).isEqualTo(w.id());
            assertThat(data.path("failures").asLong()).isEqualTo(10);
            assertThat(data.path("baselineFailures").asLong()).isZero();
            assertThat(admin.poll(java.time.Duration.ofMillis(500))).as("at most one an hour").isNull();
        }
    }

    @Test
    void grpcReadsTheSameCoverageAndSetsTheModeWithItsWarning() {
        Widget w = api.newWidget();
        assertThat(api.start(w, null, null).status()).isEqualTo(201);
        assertThat(api.start(w, null, valid(w, newUserId())).status()).isEqualTo(201);
        var grpc = grpcClients.stub(grpcServer.getPort(), w.apiKey());

        GetWidgetCoverageResponse c = grpc.getWidgetCoverage(GetWidgetCoverageRequest.newBuilder().setWidgetId(w.id()).build());
        SetWidgetModeResponse set = grpc.setWidgetMode(SetWidgetModeRequest.newBuilder().setWidgetId(w.id())
                .setMode("required").build());

        assertThat(c.getHours()).isEqualTo(24);
        assertThat(c.getCounts().getAuthenticated()).isEqualTo(1);
        assertThat(c.getCounts().getAnonymous()).isEqualTo(1);
        assertThat(c.getByOriginMap()).containsOnlyKeys("none");
        assertThat(c.getIfRequired().getWouldRefuse()).isEqualTo(1);
        assertThat(c.getIfRequired().getShare()).isEqualTo(0.5);
        assertThat(set.getMode()).isEqualTo("required");
        assertThat(set.hasRolloutWarning()).isTrue();
        assertThat(set.getRolloutWarning().getShare()).isEqualTo(0.5);
        Widget other = api.newWidget();
        StatusRuntimeException foreign = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> grpc.getWidgetCoverage(GetWidgetCoverageRequest.newBuilder().setWidgetId(other.id()).build()));
        assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        StatusRuntimeException tooMany = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> grpc.getWidgetCoverage(GetWidgetCoverageRequest.newBuilder().setWidgetId(w.id()).setHours(721).build()));
        assertThat(tooMany.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
}
