package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase;
import dev.visitorauth.application.port.out.LoadWorkspacePort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveWorkspacePort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Workspaces and their API keys (stored as SHA-256 hashes, compared in constant time). */
public final class WorkspaceService implements CreateWorkspaceUseCase, AuthenticateApiKeyUseCase {
    private final LoadWorkspacePort load;
    private final SaveWorkspacePort save;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;

    public WorkspaceService(LoadWorkspacePort load, SaveWorkspacePort save, TransactionPort transactions, RandomPort random,
                            Clock clock) {
        this.load = Objects.requireNonNull(load, "load");
        this.save = Objects.requireNonNull(save, "save");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<CreatedWorkspace> createWorkspace(String name) {
        if (!Workspace.isValidName(name)) {
            return Refusals.invalid("name", "name must be 1 to " + Workspace.MAX_NAME_LENGTH + " characters and not blank.");
        }
        Workspace workspace = new Workspace(new WorkspaceId(credentials.id("ws_", 16)), name, clock.instant());
        String apiKey = credentials.bearer(workspace.id());
        return transactions.inTransaction(() -> {
            save.createWorkspace(workspace, Credentials.sha256Hex(apiKey));
            return Result.ok(new CreatedWorkspace(workspace, apiKey));
        });
    }

    @Override
    public Result<WorkspaceId> authenticateApiKey(String apiKey) {
        Optional<WorkspaceId> named = Credentials.workspaceOf(apiKey);
        if (named.isPresent()) {
            Optional<String> stored = load.findApiKeyHash(named.get());
            if (stored.isPresent() && Credentials.sameHash(stored.get(), Credentials.sha256Hex(apiKey))) {
                return Result.ok(named.get());
            }
        }
        return Refusals.unauthenticated("Missing or invalid API key. Send the workspace API key as 'Authorization: Bearer <key>'.");
    }
}
