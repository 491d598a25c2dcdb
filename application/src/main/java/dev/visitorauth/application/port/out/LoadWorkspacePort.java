package dev.visitorauth.application.port.out;

import java.time.Instant;
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

    /**
     * The workspace's API key hashes: the current one, and the previous one with the end of its grace
     * (both present or both empty; the previous key is valid only before that instant).
     */
    Optional<ApiKeyHashes> findApiKeyHashes(WorkspaceId id);

    /** SHA-256 hashes (64 lower-case hex digits) of a workspace's API keys. */
    record ApiKeyHashes(String current, Optional<String> previous, Optional<Instant> previousValidUntil) {
        public ApiKeyHashes {
            java.util.Objects.requireNonNull(current, "current");
            java.util.Objects.requireNonNull(previous, "previous");
            java.util.Objects.requireNonNull(previousValidUntil, "previousValidUntil");
            if (previous.isPresent() != previousValidUntil.isPresent()) {
                throw new IllegalArgumentException("a previous key comes with the end of its grace");
            }
        }
    }
}
