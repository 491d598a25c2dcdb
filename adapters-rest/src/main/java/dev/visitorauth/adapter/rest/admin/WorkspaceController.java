package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.auth.SystemCaller;
import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.WorkspaceResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Creates workspaces; only the operator's system API key may. */
@RestController
@Tag(name = "Workspaces", description = "Operator endpoints (system API key).")
public class WorkspaceController {
    private final CreateWorkspaceUseCase createWorkspace;

    public WorkspaceController(CreateWorkspaceUseCase createWorkspace) {
        this.createWorkspace = Objects.requireNonNull(createWorkspace, "createWorkspace");
    }

    @PostMapping("/v1/workspaces")
    @Operation(summary = "Create a workspace and its API key", description = "The API key is shown this once.")
    @SecurityRequirement(name = "systemApiKey")
    public ResponseEntity<WorkspaceResponse> create(
            SystemCaller caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.CreateWorkspaceRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        String name = JsonBody.of(body, "name").string("name").orElse("");
        return ResponseEntity.status(HttpStatus.CREATED).body(RestMapper.workspace(unwrap(createWorkspace.createWorkspace(name))));
    }
}
