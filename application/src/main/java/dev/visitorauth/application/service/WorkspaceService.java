package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AuthenticateApiKeyUseCase;
import dev.visitorauth.application.port.in.CreateWorkspaceUseCase;
import dev.visitorauth.application.port.in.RotateApiKeyUseCase;
import dev.visitorauth.application.port.out.LoadWorkspacePort;
import dev.visitorauth.application.port.out.LoadWorkspacePort.ApiKeyHashes;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveWorkspacePort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.GracePeriod;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Workspaces and their API keys (stored as SHA-256 hashes, compared in constant time). */
public final class WorkspaceService implements CreateWorkspaceUseCase, AuthenticateApiKeyUseCase, RotateApiKeyUseCase {
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
        return Workspace.name(name).flatMap(valid -> {
            Workspace workspace = new Workspace(new WorkspaceId(credentials.id("ws_", 16)), valid, clock.instant());
            String apiKey = credentials.bearer(workspace.id());
            return transactions.inTransaction(() -> {
                save.createWorkspace(workspace, Credentials.sha256Hex(apiKey));
                return Result.ok(new CreatedWorkspace(workspace, apiKey));
            });
        });
    }

    /**
     * {@inheritDoc} The new key replaces the current one in one statement; the replaced key is kept
     * (as a hash) until the grace ends, and a key kept from an earlier rotation is dropped.
     */
    @Override
    public Result<RotatedApiKey> rotateApiKey(RotateApiKeyCommand command) {
        return GracePeriod.ofSeconds(command.graceSeconds()).flatMap(grace -> {
            Optional<Instant> previousUntil = grace.isZero() ? Optional.empty() : Optional.of(clock.instant().plus(grace));
            String apiKey = credentials.bearer(command.workspaceId());
            return transactions.inTransaction(() -> save.rotateApiKey(command.workspaceId(), Credentials.sha256Hex(apiKey),
                    previousUntil) ? Result.ok(new RotatedApiKey(apiKey))
                    : Refusals.unauthenticated("The workspace of this API key no longer exists."));
        });
    }

    /**
     * True when {@code hash} is the current key's, or the previous key's before its grace ends. Both
     * comparisons always run, in constant time, so the answer's timing does not say which key matched.
     */
    private boolean matches(ApiKeyHashes stored, String hash) {
        boolean current = Credentials.sameHash(stored.current(), hash);
        boolean previous = Credentials.sameHash(stored.previous().orElse(stored.current()), hash)
                && stored.previousValidUntil().map(clock.instant()::isBefore).orElse(false);
        return current | previous;
    }

    @Override
    public Result<WorkspaceId> authenticateApiKey(String apiKey) {
        Optional<WorkspaceId> named = Credentials.workspaceOf(apiKey);
        if (named.isPresent()) {
            Optional<ApiKeyHashes> stored = load.findApiKeyHashes(named.get());
            if (stored.isPresent() && matches(stored.get(), Credentials.sha256Hex(apiKey))) {
                return Result.ok(named.get());
            }
        }
        return Refusals.unauthenticated("Missing or invalid API key. Send the workspace API key as 'Authorization: Bearer <key>'.");
    }
}
