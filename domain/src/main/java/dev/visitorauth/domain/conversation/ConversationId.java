package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.Ids;

/** A conversation's random id. */
public record ConversationId(String value) {
    public ConversationId {
        Ids.requireWellFormed(value, "conversation id");
    }

    @Override
    public String toString() {
        return value;
    }
}
