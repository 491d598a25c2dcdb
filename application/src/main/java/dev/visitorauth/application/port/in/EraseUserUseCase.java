package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Erases a user of the workspace (GDPR article 17) in one transaction: profile, custom data,
 * visitors, sessions (dead at once on every node), conversations and messages. Afterwards the
 * user is unknown, and a token with the same {@code id} creates a new user with no history.
 * {@code not_found} when the workspace has no such user.
 */
public interface EraseUserUseCase {

    Result<Erased> eraseUser(WorkspaceId workspaceId, ExternalUserId externalId);

    /** What was deleted: the user and, per kind, the rows that went with it. */
    record Erased(int users, int visitors, int sessions, int conversations, int messages) {
    }
}
