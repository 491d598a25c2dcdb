package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Optional;

/** Reads users of a workspace. */
public interface LoadUserPort {

    Optional<User> findUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId);

    /**
     * Like {@link #findUserByExternalId}, and locks the user until the current transaction ends, so
     * that concurrent start-ups for one user apply their profile updates one after the other.
     */
    Optional<User> lockUserByExternalId(WorkspaceId workspaceId, ExternalUserId externalId);

    Optional<User> findUser(WorkspaceId workspaceId, UserId id);
}
