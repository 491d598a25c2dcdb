package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.workspace.WorkspaceId;

/** The user use cases' shared look-up: a workspace's user by external id, or {@code not_found}. */
final class UserLookup {
    private UserLookup() {
    }

    /** The user with this external id, or {@code not_found}. */
    static Result<User> find(LoadUserPort users, WorkspaceId workspaceId, ExternalUserId externalId) {
        return users.findUserByExternalId(workspaceId, externalId)
                .<Result<User>>map(Result::ok).orElseGet(UserLookup::noSuchUser);
    }

    /** The refusal for a user the workspace does not have. */
    static <T> Result<T> noSuchUser() {
        return Result.refused(ExternalUserId.unknown());
    }
}
