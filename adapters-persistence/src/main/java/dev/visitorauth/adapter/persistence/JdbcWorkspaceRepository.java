package dev.visitorauth.adapter.persistence;

import static dev.visitorauth.adapter.persistence.Jdbc.instant;
import static dev.visitorauth.adapter.persistence.Jdbc.micros;

import dev.visitorauth.application.port.out.LoadWorkspacePort;
import dev.visitorauth.application.port.out.LoadWorkspacePort.ApiKeyHashes;
import java.time.Instant;
import dev.visitorauth.application.port.out.SaveWorkspacePort;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/** Workspaces and the SHA-256 hash of their API key (the key itself is never stored). */
public final class JdbcWorkspaceRepository implements LoadWorkspacePort, SaveWorkspacePort {
    private final JdbcTransactions tx;

    public JdbcWorkspaceRepository(JdbcTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void createWorkspace(Workspace workspace, String apiKeyHash) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(apiKeyHash, "apiKeyHash");
        if (!apiKeyHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an API key hash is 64 lower-case hex digits");
        }
        tx.write(c -> Jdbc.update(c,
                "INSERT INTO workspaces (workspace_id, name, api_key_hash, created_at) VALUES (?, ?, ?, ?)",
                workspace.id().value(), workspace.name(), apiKeyHash, micros(workspace.createdAt())));
    }

    @Override
    public Optional<Workspace> findWorkspace(WorkspaceId id) {
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT workspace_id, name, created_at FROM workspaces WHERE workspace_id = ?",
                rs -> new Workspace(new WorkspaceId(rs.getString("workspace_id")), rs.getString("name"),
                        instant(rs, "created_at")),
                id.value()));
    }

    @Override
    public Optional<ApiKeyHashes> findApiKeyHashes(WorkspaceId id) {
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT api_key_hash, previous_api_key_hash, previous_key_valid_until"
                        + " FROM workspaces WHERE workspace_id = ?",
                rs -> new ApiKeyHashes(rs.getString("api_key_hash"), Jdbc.optionalText(rs, "previous_api_key_hash"),
                        Jdbc.optionalInstant(rs, "previous_key_valid_until")), id.value()));
    }

    /** One statement: the SET expressions read the row as it was, so the replaced key becomes the previous one. */
    @Override
    public boolean rotateApiKey(WorkspaceId id, String newHash, Optional<Instant> previousValidUntil) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(previousValidUntil, "previousValidUntil");
        if (!newHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an API key hash is 64 lower-case hex digits");
        }
        boolean keep = previousValidUntil.isPresent();
        return tx.write(c -> Jdbc.update(c, "UPDATE workspaces SET previous_api_key_hash = "
                        + (keep ? "api_key_hash" : "NULL") + ", previous_key_valid_until = ?, api_key_hash = ?"
                        + " WHERE workspace_id = ?",
                Jdbc.micros(previousValidUntil), newHash, id.value())) == 1;
    }

    @Override
    public Optional<String> findApiKeyHash(WorkspaceId id) {
        Objects.requireNonNull(id, "id");
        return tx.read(c -> Jdbc.queryOne(c, "SELECT api_key_hash FROM workspaces WHERE workspace_id = ?",
                rs -> rs.getString("api_key_hash"), id.value()));
    }
}
