package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** A user of the workspace by the company's external id, with visitors and conversations. {@code not_found} otherwise. */
public interface GetUserUseCase {

    Result<UserDetails> getUser(WorkspaceId workspaceId, ExternalUserId externalId);
}
