package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;

/**
 * Resolves a widget session's bearer token. Refuses with {@code unauthenticated} a token that is
 * unknown, expired or revoked, or an anonymous session of a widget now in {@code required} mode.
 */
public interface AuthenticateSessionUseCase {

    Result<SessionView> authenticateSession(String sessionToken);
}
