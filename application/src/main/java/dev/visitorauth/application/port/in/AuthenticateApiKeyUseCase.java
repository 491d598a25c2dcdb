package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** Resolves a workspace API key to its workspace, comparing hashes in constant time. {@code unauthenticated} otherwise. */
public interface AuthenticateApiKeyUseCase {

    Result<WorkspaceId> authenticateApiKey(String apiKey);
}
