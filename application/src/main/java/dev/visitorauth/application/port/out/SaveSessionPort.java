package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;

/** Stores and revokes widget sessions. */
public interface SaveSessionPort {

    /** Inserts or replaces a session. */
    void saveSession(Session session);

    /**
     * Revokes every unrevoked session of a visitor.
     *
     * @return how many were revoked
     */
    int revokeSessionsOf(WorkspaceId workspaceId, VisitorId visitorId, Instant now);
}
