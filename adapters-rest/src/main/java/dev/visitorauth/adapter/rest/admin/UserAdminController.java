package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

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
    /** Users listed per page when the caller gives no {@code limit}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    private final GetUserUseCase getUser;
    private final ListUsersUseCase listUsers;

    public UserAdminController(GetUserUseCase getUser, ListUsersUseCase listUsers) {
        this.getUser = Objects.requireNonNull(getUser, "getUser");
        this.listUsers = Objects.requireNonNull(listUsers, "listUsers");
    }

    @GetMapping("/v1/admin/users/{externalId}")
    @Operation(summary = "A user by the company's id, with its visitors and conversations")
    public UserDetailsResponse get(WorkspaceId workspace, @PathVariable String externalId) {
        return RestMapper.userDetails(unwrap(getUser.getUser(workspace, externalId)));
    }

    @GetMapping("/v1/admin/users")
    @Operation(summary = "List and search users",
            description = "Ordered by external id; q matches external id, name or email (case-insensitive substring).")
    public UserListResponse list(
            WorkspaceId workspace,
            @Parameter(description = "Search text; empty lists all") @RequestParam(required = false) String q,
            @Parameter(description = "1 to 100; default 50") @RequestParam(required = false) String limit,
            @Parameter(description = "The previous page's nextCursor") @RequestParam(required = false) String cursor) {
        int n = QueryParameters.wholeNumber("limit", limit, DEFAULT_PAGE_SIZE);
        ListUsersQuery query = new ListUsersQuery(workspace, q == null ? "" : q, n,
                Optional.ofNullable(cursor).filter(c -> !c.isEmpty()));
        return RestMapper.users(unwrap(listUsers.listUsers(query)));
    }
}
