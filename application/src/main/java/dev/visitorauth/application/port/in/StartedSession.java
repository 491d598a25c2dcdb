package dev.visitorauth.application.port.in;

import java.util.Objects;

/**
 * A session as start-up returns it: the bearer token, shown this once and stored only as a hash,
 * and what the widget sees of the session.
 */
public record StartedSession(String sessionToken, SessionView session) {
    public StartedSession {
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(session, "session");
    }

    @Override
    public String toString() {
        return "StartedSession[" + session + "]";
    }
}
