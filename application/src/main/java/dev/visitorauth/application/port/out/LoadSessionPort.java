package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Optional;

/** Finds widget sessions by the hash of their bearer token (tokens name their workspace). */
public interface LoadSessionPort {

    Optional<Session> findSession(WorkspaceId workspaceId, SessionTokenHash tokenHash);
}
