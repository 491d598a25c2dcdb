package dev.visitorauth.domain.visitor;

import dev.visitorauth.domain.Ids;

/** A visitor's random, unguessable id (at least 128 random bits), kept by the widget in the browser. */
public record VisitorId(String value) {
    public VisitorId {
        Ids.requireWellFormed(value, "visitor id");
    }

    @Override
    public String toString() {
        return value;
    }
}
