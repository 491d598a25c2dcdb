package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** A conversation's random id. */
public record ConversationId(String value) {
    public ConversationId {
        Ids.requireWellFormed(value, "conversation id");
    }

    /**
     * The id in {@code value}; a malformed one names nothing, so it gets {@link #unknown()}, the
     * refusal for an id that names nothing here.
     */
    public static Result<ConversationId> parse(String value) {
        return Ids.isWellFormed(value) ? Result.ok(new ConversationId(value)) : Result.refused(unknown());
    }

    /** The refusal for an id that names no conversation (here, or in the caller's workspace). */
    public static Refusal unknown() {
        return Refusal.of(ErrorCode.NOT_FOUND, "No such conversation.");
    }

    @Override
    public String toString() {
        return value;
    }
}
