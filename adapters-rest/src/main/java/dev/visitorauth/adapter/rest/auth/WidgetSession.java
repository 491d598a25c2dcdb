package dev.visitorauth.adapter.rest.auth;

import dev.visitorauth.application.port.in.SessionView;
import java.util.Objects;

/**
 * The live widget session a request's bearer token names, already checked against the request's
 * {@code Origin}. Controllers pass {@link #token()} on to the session-bound use cases.
 */
public record WidgetSession(String token, SessionView view) {
    public WidgetSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(view, "view");
    }

    @Override
    public String toString() {
        return "WidgetSession[" + view + "]";
    }
}
