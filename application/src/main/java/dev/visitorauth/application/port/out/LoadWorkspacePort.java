package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Optional;

/** Reads workspaces and the hash of their API key. */
public interface LoadWorkspacePort {

    Optional<Workspace> findWorkspace(WorkspaceId id);

    /**
     * The SHA-256 hash (64 lower-case hex digits) of the workspace's API key. API keys name their
     * workspace, so the caller compares hashes itself, in constant time.
     */
    Optional<String> findApiKeyHash(WorkspaceId id);
}
