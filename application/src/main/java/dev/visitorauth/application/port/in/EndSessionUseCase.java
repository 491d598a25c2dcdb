package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;

/** Revokes the session the bearer token names (logout). {@code unauthenticated} if it is not live. */
public interface EndSessionUseCase {

    Result<SessionView> endSession(String sessionToken);
}
