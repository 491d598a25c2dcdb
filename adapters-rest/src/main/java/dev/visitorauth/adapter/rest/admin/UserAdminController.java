package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.RevokedSessionsResponse;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase.RevokeUserSessionsCommand;
import dev.visitorauth.application.port.in.RevokeUserSessionsUseCase.RevokedSessions;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.UserSearch;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;

import dev.visitorauth.adapter.rest.json.QueryParameters;
import dev.visitorauth.adapter.rest.json.Responses.UserDetailsResponse;
import dev.visitorauth.adapter.rest.json.Responses.UserListResponse;
import dev.visitorauth.adapter.rest.json.RestMapper;
import dev.visitorauth.application.port.in.GetUserUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase;
import dev.visitorauth.application.port.in.ListUsersUseCase.ListUsersQuery;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The company's users as the service knows them, by their external id. */
@RestController
@Tag(name = "Admin: users and conversations", description = "Server-to-server (workspace API key).")
@SecurityRequirement(name = "workspaceApiKey")
public class UserAdminController {
    private final GetUserUseCase getUser;
    private final ListUsersUseCase listUsers;
    private final RevokeUserSessionsUseCase revokeSessions;

    public UserAdminController(GetUserUseCase getUser, ListUsersUseCase listUsers, RevokeUserSessionsUseCase revokeSessions) {
        this.getUser = Objects.requireNonNull(getUser, "getUser");
        this.listUsers = Objects.requireNonNull(listUsers, "listUsers");
        this.revokeSessions = Objects.requireNonNull(revokeSessions, "revokeSessions");
    }

    @PostMapping("/v1/admin/users/{externalId}/sessions/revoke")
    @Operation(summary = "Sign out everywhere",
            description = "Revokes every current session of the user, on every device and node, and from then on refuses"
                    + " the user's visitor tokens issued before issuedBefore (default now), or without iat, with"
                    + " token_revoked. The cutoff only moves forward. A future issuedBefore is 400.")
    public RevokedSessionsResponse revokeSessions(
            WorkspaceId workspace, @PathVariable String externalId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.RevokeSessionsRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        Optional<Instant> issuedBefore = JsonBody.of(body, "issuedBefore").time("issuedBefore");
        RevokedSessions revoked = unwrap(revokeSessions.revokeUserSessions(
                new RevokeUserSessionsCommand(workspace, unwrap(ExternalUserId.parse(externalId)), issuedBefore)));
        return new RevokedSessionsResponse(revoked.revokedSessions(), revoked.tokenCutoff().toString());
    }

    @GetMapping("/v1/admin/users/{externalId}")
    @Operation(summary = "A user by the company's id, with its visitors and conversations")
    public UserDetailsResponse get(WorkspaceId workspace, @PathVariable String externalId) {
        return RestMapper.userDetails(unwrap(getUser.getUser(workspace, unwrap(ExternalUserId.parse(externalId)))));
    }

    @GetMapping("/v1/admin/users")
    @Operation(summary = "List and search users",
            description = "Ordered by external id; q matches external id, name or email (case-insensitive substring).")
    public UserListResponse list(
            WorkspaceId workspace,
            @Parameter(description = "Search text; empty lists all") @RequestParam(required = false) String q,
            @Parameter(description = "1 to 100; default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor) {
        int n = QueryParameters.wholeNumber("limit", limit, UserSearch.DEFAULT_PAGE_SIZE);
        ListUsersQuery query = new ListUsersQuery(workspace, q == null ? "" : q, n,
                Optional.ofNullable(cursor).filter(c -> !c.isEmpty()));
        return RestMapper.users(unwrap(listUsers.listUsers(query)));
    }
}
