package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;

/** Stores and revokes widget sessions. */
public interface SaveSessionPort {

    /**
     * Stores a session that is new by construction (its token was just generated): a start-up's one
     * write of it. A token hash already stored is a broken invariant, not a replace.
     */
    void createSession(Session session);

    /** Replaces a stored session (e.g. with its revocation), or inserts it. */
    void saveSession(Session session);

    /**
     * Revokes every unrevoked session of a visitor.
     *
     * @return how many were revoked
     */
    int revokeSessionsOf(WorkspaceId workspaceId, VisitorId visitorId, Instant now);

    /**
     * Revokes every current session (unrevoked, not expired at {@code now}) of every visitor linked
     * to the user: "sign out everywhere".
     *
     * @return how many were revoked
     */
    int revokeSessionsOfUser(WorkspaceId workspaceId, UserId userId, Instant now);
}
