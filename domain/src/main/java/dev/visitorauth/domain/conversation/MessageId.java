package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
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

    /**
     * {@code value} as the anchor of a page of messages, given in {@code field} (a page before or
     * after it); a malformed one names no message, so it gets {@link #unknownAnchor}.
     */
    public static Result<MessageId> parseAnchor(String value, InputField field) {
        return Ids.isWellFormed(value) ? Result.ok(new MessageId(value)) : Result.refused(unknownAnchor(field));
    }

    /** The refusal for a page anchor, given in {@code field}, that names no message of the conversation. */
    public static Refusal unknownAnchor(InputField field) {
        return Refusal.of(ErrorCode.NOT_FOUND, field,
                "No message with this id in this conversation. Use the id of a message this conversation returned.");
    }

    @Override
    public String toString() {
        return value;
    }
}
