package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.User;

/** Stores users. (workspace, external id) is unique, enforced by the store. */
public interface SaveUserPort {

    /**
     * Inserts {@code user} unless a user with its workspace and external id exists, which can
     * happen when another start-up created it concurrently.
     *
     * @return the stored user: {@code user} if inserted, else the one that was already there
     */
    User insertUserIfAbsent(User user);

    /**
     * Replaces a stored user's profile, last applied {@code iat}, update time and token cutoff with
     * {@code after}'s, writing only what differs from {@code before}, the user as it was read (its
     * custom data, for one, is written only when it changed).
     *
     * @throws IllegalArgumentException when the two are not the same user
     * @throws IllegalStateException    when the user is not stored
     */
    void updateUser(User before, User after);

    /** What {@link #updateUser} checks first: {@code before} and {@code after} are one user. */
    static void checkSameUser(User before, User after) {
        if (!before.workspaceId().equals(after.workspaceId()) || !before.id().equals(after.id())
                || !before.externalId().equals(after.externalId())) {
            throw new IllegalArgumentException("before and after must be the same user");
        }
    }
}
