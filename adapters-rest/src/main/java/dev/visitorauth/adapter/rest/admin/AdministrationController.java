package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.QueryParameters;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.ApiKeyResponse;
import dev.visitorauth.adapter.rest.json.Responses.InboxResponse;
import dev.visitorauth.adapter.rest.json.Responses.WidgetListResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.ListInboxUseCase;
import dev.visitorauth.application.port.in.ListInboxUseCase.InboxQuery;
import dev.visitorauth.application.port.in.ListWidgetsUseCase;
import dev.visitorauth.application.port.in.ListWidgetsUseCase.ListWidgetsQuery;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase.RotateApiKeyCommand;
import dev.visitorauth.domain.conversation.OwnerFilter;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Running the workspace (spec section 11): its widget list, its API key, and the agent inbox. */
@RestController
@Tag(name = "Admin: workspace", description = "Server-to-server (workspace API key).")
@SecurityRequirement(name = "workspaceApiKey")
public class AdministrationController {
    private final ListWidgetsUseCase listWidgets;
    private final RotateApiKeyUseCase rotateApiKey;
    private final ListInboxUseCase listInbox;

    public AdministrationController(ListWidgetsUseCase listWidgets, RotateApiKeyUseCase rotateApiKey,
                                    ListInboxUseCase listInbox) {
        this.listWidgets = Objects.requireNonNull(listWidgets, "listWidgets");
        this.rotateApiKey = Objects.requireNonNull(rotateApiKey, "rotateApiKey");
        this.listInbox = Objects.requireNonNull(listInbox, "listInbox");
    }

    @GetMapping("/v1/admin/widgets")
    @Operation(summary = "The workspace's widgets, newest first, a page at a time")
    public WidgetListResponse widgets(
            WorkspaceId workspace,
            @Parameter(description = "1 to 100; default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor) {
        return RestMapper.widgetList(unwrap(listWidgets.listWidgets(new ListWidgetsQuery(workspace,
                QueryParameters.optionalWholeNumber("limit", limit), QueryParameters.optionalText(cursor)))));
    }

    @PostMapping("/v1/admin/api-keys/rotate")
    @Operation(summary = "Replace the workspace API key",
            description = "The new key works at once; the old one keeps working for graceSeconds (0 to 86400, default 0)"
                    + " on every node. A second rotation ends the earlier key's grace at once.")
    public ApiKeyResponse rotateApiKey(
            WorkspaceId workspace,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.RotateApiKeyRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        long grace = JsonBody.of(body, "graceSeconds").integer("graceSeconds").orElse(0L);
        return new ApiKeyResponse(unwrap(rotateApiKey.rotateApiKey(new RotateApiKeyCommand(workspace, grace))).apiKey());
    }

    @GetMapping("/v1/admin/conversations")
    @Operation(summary = "The agent inbox: the workspace's conversations, newest activity first",
            description = "Users' and anonymous visitors' alike, with the owner and the last message's preview.")
    public InboxResponse inbox(
            WorkspaceId workspace,
            @Parameter(description = "1 to 100; default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor,
            @Parameter(description = "user, visitor or any (default)") @RequestParam(required = false) String owner) {
        return RestMapper.inbox(unwrap(listInbox.listInbox(new InboxQuery(workspace,
                QueryParameters.optionalWholeNumber("limit", limit), QueryParameters.optionalText(cursor),
                QueryParameters.optionalText(owner).map(o -> unwrap(OwnerFilter.parse(o))).orElse(OwnerFilter.ANY)))));
    }
}
