package dev.visitorauth.application.port.out;

import java.util.Optional;
import java.time.Instant;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Stores new workspaces with the hash of their API key. */
public interface SaveWorkspacePort {

    /** Inserts a new workspace; its API key is stored only as {@code apiKeyHash}. */
    void createWorkspace(Workspace workspace, String apiKeyHash);

    /**
     * Makes {@code newHash} the workspace's API key hash, in one statement. With
     * {@code previousValidUntil}, the key it replaces stays valid until then; without, it ends at
     * once. Either way a key that was previous before this call ends at once (one previous key).
     *
     * @return false when there is no such workspace
     */
    boolean rotateApiKey(WorkspaceId id, String newHash, Optional<Instant> previousValidUntil);
}
