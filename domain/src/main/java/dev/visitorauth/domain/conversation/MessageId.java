package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** A message's random id. */
public record MessageId(String value) {
    public MessageId {
        Ids.requireWellFormed(value, "message id");
    }

    /**
     * The id in {@code value}; a malformed one names nothing, so it gets {@link #unknown()}, the
     * refusal for an id that names nothing here.
     */
    public static Result<MessageId> parse(String value) {
        return Ids.isWellFormed(value) ? Result.ok(new MessageId(value)) : Result.refused(unknown());
    }

    /** The refusal for an id that names no message (here, or in the caller's workspace). */
    public static Refusal unknown() {
        return Refusal.of(ErrorCode.NOT_FOUND, "No such message in this conversation.");
    }

    @Override
    public String toString() {
        return value;
    }
}
