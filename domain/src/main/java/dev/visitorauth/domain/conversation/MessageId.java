package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.Ids;

/** A message's random id. */
public record MessageId(String value) {
    public MessageId {
        Ids.requireWellFormed(value, "message id");
    }

    @Override
    public String toString() {
        return value;
    }
}
