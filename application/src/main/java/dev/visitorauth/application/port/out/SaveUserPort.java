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

    /** Replaces a stored user's profile, last applied {@code iat}, update time and token cutoff. */
    void updateUser(User user);
}
