package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.LoadWorkspacePort.ApiKeyHashes;
import dev.visitorauth.application.port.out.LoadWorkspacePort;
import dev.visitorauth.application.port.out.SaveWorkspacePort;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/** Workspaces and their API key hashes (current, and the previous one in its grace period). */
public final class InMemoryWorkspaces implements LoadWorkspacePort, SaveWorkspacePort {
    private final MemoryDatabase db;

    InMemoryWorkspaces(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Workspace> findWorkspace(WorkspaceId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.workspaces.get(id)));
    }

    @Override
    public Optional<String> findApiKeyHash(WorkspaceId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.apiKeyHashes.get(id)));
    }

    @Override
    public Optional<ApiKeyHashes> findApiKeyHashes(WorkspaceId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.apiKeyHashes.get(id)).map(current -> {
            ApiKeyHashes previous = db.previousApiKeys.get(id);
            return previous == null ? new ApiKeyHashes(current, Optional.empty(), Optional.empty())
                    : new ApiKeyHashes(current, previous.previous(), previous.previousValidUntil());
        }));
    }

    @Override
    public boolean rotateApiKey(WorkspaceId id, String newHash, Optional<Instant> previousValidUntil) {
        return db.tx.locked(() -> {
            String current = db.apiKeyHashes.get(id);
            if (current == null) {
                return false;
            }
            db.put(db.apiKeyHashes, id, newHash);
            db.put(db.previousApiKeys, id, previousValidUntil.isEmpty() ? null
                    : new ApiKeyHashes(newHash, Optional.of(current), previousValidUntil));
            return true;
        });
    }

    @Override
    public void createWorkspace(Workspace workspace, String apiKeyHash) {
        db.tx.locked(() -> {
            if (db.workspaces.containsKey(workspace.id())) {
                throw new IllegalStateException("workspace exists: " + workspace.id());
            }
            db.put(db.workspaces, workspace.id(), workspace);
            db.put(db.apiKeyHashes, workspace.id(), apiKeyHash);
            return null;
        });
    }
}
