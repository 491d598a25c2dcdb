package dev.visitorauth.domain.conversation;

import java.util.Locale;

/** Who wrote a message: the visitor (or its user), or an agent of the company. */
public enum Author {
    VISITOR,
    AGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
