package dev.visitorauth.domain.identity;

import dev.visitorauth.domain.Ids;

/** The service's own id for a user record (never shown to the widget; the widget sees the external id). */
public record UserId(String value) {
    public UserId {
        Ids.requireWellFormed(value, "user id");
    }

    @Override
    public String toString() {
        return value;
    }
}
