package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.workspace.WorkspaceId;

/**
 * Deletes everything held about one user (GDPR article 17): the profile and custom data, every
 * visitor linked to it, every session of those visitors or of the user, the user's conversations
 * and their messages. Joins the caller's transaction, so the erasure happens whole or not at all.
 */
public interface EraseUserPort {

    /**
     * @return what was deleted; {@link Erased#users()} is 0 when there was no such user
     */
    Erased eraseUser(WorkspaceId workspaceId, UserId userId);

    /** Rows deleted per kind. */
    record Erased(int users, int visitors, int sessions, int conversations, int messages) {
    }
}
