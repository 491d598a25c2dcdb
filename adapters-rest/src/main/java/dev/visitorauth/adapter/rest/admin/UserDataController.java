package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.error.RestExceptionHandler;
import dev.visitorauth.adapter.rest.json.JsonExportWriter;
import dev.visitorauth.adapter.rest.json.QueryParameters;
import dev.visitorauth.adapter.rest.json.Responses.ConversationListResponse;
import dev.visitorauth.adapter.rest.json.Responses.UserExportResponse;
import dev.visitorauth.adapter.rest.json.Responses.VisitorListResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.EraseUserUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase;
import dev.visitorauth.application.port.in.ExportUserUseCase.ExportSummary;
import dev.visitorauth.application.port.in.ExportUserUseCase.UserExport;
import dev.visitorauth.application.port.in.ListUserConversationsUseCase;
import dev.visitorauth.application.port.in.ListUserVisitorsUseCase;
import dev.visitorauth.application.port.in.UserListQuery;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * A user's data as a whole: the full sub-lists behind the capped look-up, erasure (GDPR article 17)
 * and a streamed export (articles 15 and 20).
 */
@RestController
@Tag(name = "Admin: users and conversations")
@SecurityRequirement(name = "workspaceApiKey")
public class UserDataController {
    private static final Logger log = LoggerFactory.getLogger(UserDataController.class);

    private final ListUserVisitorsUseCase listVisitors;
    private final ListUserConversationsUseCase listConversations;
    private final EraseUserUseCase eraseUser;
    private final ExportUserUseCase exportUser;
    private final ObjectMapper json;

    public UserDataController(ListUserVisitorsUseCase listVisitors, ListUserConversationsUseCase listConversations,
                              EraseUserUseCase eraseUser, ExportUserUseCase exportUser, ObjectMapper json) {
        this.listVisitors = Objects.requireNonNull(listVisitors, "listVisitors");
        this.listConversations = Objects.requireNonNull(listConversations, "listConversations");
        this.eraseUser = Objects.requireNonNull(eraseUser, "eraseUser");
        this.exportUser = Objects.requireNonNull(exportUser, "exportUser");
        this.json = Objects.requireNonNull(json, "json");
    }

    @GetMapping("/v1/admin/users/{externalId}/visitors")
    @Operation(summary = "A user's visitors (devices), most recently seen first, a page at a time")
    public VisitorListResponse visitors(
            WorkspaceId workspace, @PathVariable String externalId,
            @Parameter(description = "1 to 100; default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor) {
        return RestMapper.visitors(unwrap(listVisitors.listUserVisitors(query(workspace, externalId, limit, cursor))));
    }

    @GetMapping("/v1/admin/users/{externalId}/conversations")
    @Operation(summary = "A user's conversations, newest activity first, a page at a time")
    public ConversationListResponse conversations(
            WorkspaceId workspace, @PathVariable String externalId,
            @Parameter(description = "1 to 100; default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor) {
        return RestMapper.conversations(unwrap(listConversations.listUserConversations(
                query(workspace, externalId, limit, cursor))));
    }

    @DeleteMapping("/v1/admin/users/{externalId}")
    @Operation(summary = "Erase a user (GDPR article 17)",
            description = "In one transaction: profile, custom data, visitors, sessions (dead at once on every node),"
                    + " conversations and messages. Afterwards the user is 404, and a token with the same id creates a new"
                    + " user with no history.")
    @ApiResponse(responseCode = "204", description = "Erased")
    public ResponseEntity<Void> erase(WorkspaceId workspace, @PathVariable String externalId) {
        var erased = unwrap(eraseUser.eraseUser(workspace, unwrap(ExternalUserId.parse(externalId))));
        log.info("Erased a user of workspace {}: {} visitors, {} sessions, {} conversations, {} messages", workspace.value(),
                erased.visitors(), erased.sessions(), erased.conversations(), erased.messages());
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/v1/admin/users/{externalId}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Export everything held about a user (GDPR articles 15 and 20)",
            description = "Streamed as it is read, page by page. If the user is erased while the export runs, the response"
                    + " is cut off before the document is complete (never a complete-looking partial export).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = UserExportResponse.class)))
    public ResponseEntity<StreamingResponseBody> export(WorkspaceId workspace, @PathVariable String externalId) {
        UserExport export = unwrap(exportUser.exportUser(workspace, unwrap(ExternalUserId.parse(externalId))));
        StreamingResponseBody body = out -> {
            // Not closed on failure: closing would complete the document. A refusal (the user was
            // erased meanwhile) or a failure leaves it unterminated and the connection is cut, so
            // no client can take a partial export for a complete one.
            JsonGenerator generator = json.createGenerator(out);
            Result<ExportSummary> written = export.writeTo(new JsonExportWriter(generator));
            if (written instanceof Result.Refused<ExportSummary> refused) {
                throw new IOException("export aborted: " + refused.refusal().message(RestExceptionHandler::memberOf));
            }
            generator.flush();
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static UserListQuery query(WorkspaceId workspace, String externalId, String limit, String cursor) {
        OptionalInt size = QueryParameters.optionalWholeNumber("limit", limit);
        Optional<String> after = QueryParameters.optionalText(cursor);
        return new UserListQuery(workspace, unwrap(ExternalUserId.parse(externalId)), size, after);
    }
}
