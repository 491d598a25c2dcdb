package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.workspace.Workspace;

/** Stores new workspaces with the hash of their API key. */
public interface SaveWorkspacePort {

    /** Inserts a new workspace; its API key is stored only as {@code apiKeyHash}. */
    void createWorkspace(Workspace workspace, String apiKeyHash);
}
