package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.QueryParameters;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.AuthFailureListResponse;
import dev.visitorauth.adapter.rest.json.Responses.CoverageResponse;
import dev.visitorauth.adapter.rest.json.Responses.CreatedWidgetResponse;
import dev.visitorauth.adapter.rest.json.Responses.PatchedWidgetResponse;
import dev.visitorauth.adapter.rest.json.Responses.SecretResponse;
import dev.visitorauth.adapter.rest.json.Responses.WidgetResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.CreateWidgetUseCase;
import dev.visitorauth.application.port.in.GetCoverageUseCase.CoverageQuery;
import dev.visitorauth.application.port.in.GetCoverageUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.in.RevealSecretUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.SettingChange;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Objects;

/** A workspace's widgets: settings, secrets and failure logs. */
@RestController
@Tag(name = "Admin: widgets", description = "Server-to-server (workspace API key).")
@SecurityRequirement(name = "workspaceApiKey")
public class WidgetAdminController {
    /** Failures listed when the caller gives no {@code limit}. */
    public static final int DEFAULT_FAILURE_LIMIT = 100;
    /** The coverage window when the caller gives no {@code hours}. */
    public static final int DEFAULT_COVERAGE_HOURS = 24;
    /** The members a widget's create and PATCH bodies take. */
    private static final String[] SETTINGS = {"name", "mode", "maxTokenLifetimeSeconds", "clockSkewSeconds", "requireJti",
            "allowedOrigins", "jwksUrl"};

    private final CreateWidgetUseCase createWidget;
    private final GetWidgetUseCase getWidget;
    private final UpdateWidgetUseCase updateWidget;
    private final RevealSecretUseCase revealSecret;
    private final RotateSecretUseCase rotateSecret;
    private final ListAuthFailuresUseCase listAuthFailures;
    private final GetCoverageUseCase getCoverage;

    public WidgetAdminController(CreateWidgetUseCase createWidget, GetWidgetUseCase getWidget, UpdateWidgetUseCase updateWidget,
                                 RevealSecretUseCase revealSecret, RotateSecretUseCase rotateSecret,
                                 ListAuthFailuresUseCase listAuthFailures, GetCoverageUseCase getCoverage) {
        this.getCoverage = Objects.requireNonNull(getCoverage, "getCoverage");
        this.createWidget = Objects.requireNonNull(createWidget, "createWidget");
        this.getWidget = Objects.requireNonNull(getWidget, "getWidget");
        this.updateWidget = Objects.requireNonNull(updateWidget, "updateWidget");
        this.revealSecret = Objects.requireNonNull(revealSecret, "revealSecret");
        this.rotateSecret = Objects.requireNonNull(rotateSecret, "rotateSecret");
        this.listAuthFailures = Objects.requireNonNull(listAuthFailures, "listAuthFailures");
    }

    @PostMapping("/v1/admin/widgets")
    @Operation(summary = "Create a widget with its first secret")
    public ResponseEntity<CreatedWidgetResponse> create(
            WorkspaceId workspace,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.WidgetSettingsRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        var created = unwrap(createWidget.createWidget(workspace, settings(body)));
        return ResponseEntity.created(URI.create("/v1/admin/widgets/" + created.widget().id().value()))
                .body(RestMapper.createdWidget(created));
    }

    @GetMapping("/v1/admin/widgets/{widgetId}")
    @Operation(summary = "A widget")
    public WidgetResponse get(WorkspaceId workspace, @PathVariable String widgetId) {
        return RestMapper.widget(unwrap(getWidget.getWidget(workspace, unwrap(WidgetId.parse(widgetId)))));
    }

    @PatchMapping("/v1/admin/widgets/{widgetId}")
    @Operation(summary = "Change a widget's name, policy, allowed origins or JWKS URL",
            description = "Absent members keep their value; jwksUrl: null removes it. A change of mode to required "
                    + "adds rolloutWarning {wouldRefuse, share} when the last 24 hours hold start-ups it would refuse.")
    public PatchedWidgetResponse update(
            WorkspaceId workspace, @PathVariable String widgetId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.WidgetSettingsRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        return RestMapper.patchedWidget(unwrap(updateWidget.updateWidget(workspace, unwrap(WidgetId.parse(widgetId)), settings(body))));
    }

    @GetMapping("/v1/admin/widgets/{widgetId}/secret")
    @Operation(summary = "The widget's current secret", description = "For the company's server to sign visitor tokens.")
    public SecretResponse secret(WorkspaceId workspace, @PathVariable String widgetId) {
        return RestMapper.secret(unwrap(revealSecret.revealSecret(workspace, unwrap(WidgetId.parse(widgetId)))));
    }

    @PostMapping("/v1/admin/widgets/{widgetId}/secret/rotate")
    @Operation(summary = "Rotate the widget's secret",
            description = "The new secret is current at once; the old one keeps verifying for graceSeconds (default 0).")
    public SecretResponse rotate(
            WorkspaceId workspace, @PathVariable String widgetId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.RotateSecretRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        long grace = JsonBody.of(body, "graceSeconds").integer("graceSeconds").orElse(0L);
        return RestMapper.secret(unwrap(rotateSecret.rotateSecret(workspace, unwrap(WidgetId.parse(widgetId)), grace)));
    }

    @GetMapping("/v1/admin/widgets/{widgetId}/auth-failures")
    @Operation(summary = "The widget's failed verifications, newest first, with counts per code")
    public AuthFailureListResponse authFailures(
            WorkspaceId workspace, @PathVariable String widgetId,
            @Parameter(description = "1 to 1000; default 100") @RequestParam(required = false) String limit) {
        int n = QueryParameters.wholeNumber("limit", limit, DEFAULT_FAILURE_LIMIT);
        return RestMapper.authFailures(unwrap(listAuthFailures.listAuthFailures(workspace, unwrap(WidgetId.parse(widgetId)), n)));
    }

    @GetMapping("/v1/admin/widgets/{widgetId}/coverage")
    @Operation(summary = "The widget's start-ups by outcome and origin, and what required would refuse",
            description = "From hourly counters: the current hour and the hours-1 before it.")
    public CoverageResponse coverage(
            WorkspaceId workspace, @PathVariable String widgetId,
            @Parameter(description = "1 to 720; default 24") @RequestParam(required = false) String hours) {
        int n = QueryParameters.wholeNumber("hours", hours, DEFAULT_COVERAGE_HOURS);
        return RestMapper.coverage(unwrap(getCoverage.coverage(new CoverageQuery(workspace, unwrap(WidgetId.parse(widgetId)), n))));
    }

    private static WidgetSettings settings(JsonNode body) {
        JsonBody json = JsonBody.of(body, SETTINGS);
        SettingChange<String> jwksUrl = json.isNull("jwksUrl") ? SettingChange.clear()
                : SettingChange.setIfPresent(json.string("jwksUrl"));
        return new WidgetSettings(json.string("name"), json.string("mode"), json.integer("maxTokenLifetimeSeconds"),
                json.integer("clockSkewSeconds"), json.bool("requireJti"), json.stringList("allowedOrigins"), jwksUrl);
    }
}
