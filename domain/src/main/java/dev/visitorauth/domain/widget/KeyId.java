package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.Ids;

/** The key id ({@code kid}) of one widget secret. Unique within its widget. */
public record KeyId(String value) {
    public KeyId {
        Ids.requireWellFormed(value, "key id");
    }

    @Override
    public String toString() {
        return value;
    }
}
