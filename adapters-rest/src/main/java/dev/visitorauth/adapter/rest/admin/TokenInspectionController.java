package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.TokenInspectionResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.InspectTokenUseCase;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import java.util.Objects;

/** The token inspector: every check on a visitor token with its outcome. Changes and records nothing. */
@RestController
@Tag(name = "Admin: widgets")
@SecurityRequirement(name = "workspaceApiKey")
public class TokenInspectionController {
    private final InspectTokenUseCase inspectToken;

    public TokenInspectionController(InspectTokenUseCase inspectToken) {
        this.inspectToken = Objects.requireNonNull(inspectToken, "inspectToken");
    }

    @PostMapping("/v1/admin/widgets/{widgetId}/token-inspections")
    @Operation(summary = "Inspect a visitor token",
            description = "Runs every check and reports each outcome, the decoded header and claims, and which secret "
                    + "matched. Consumes no jti, records no failure. A token that fails is still a 200 with valid=false.")
    public TokenInspectionResponse inspect(
            WorkspaceId workspace, @PathVariable String widgetId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.TokenInspectionRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        String token = JsonBody.of(body, "token").string("token").orElse("");
        return RestMapper.inspection(unwrap(inspectToken.inspectToken(workspace, unwrap(WidgetId.parse(widgetId)), token)));
    }
}
