package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.MessageId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which page of a conversation's messages to read (spec section 8): without {@code before} or
 * {@code after} the newest {@code limit}; {@code before} a message id, the last {@code limit}
 * before it; {@code after} a message id, the first {@code limit} after it. {@code limit} defaults
 * to 50 and is at most 200; giving both {@code before} and {@code after} is {@code invalid_request}.
 */
public record MessageWindow(OptionalInt limit, Optional<MessageId> before, Optional<MessageId> after) {
    public MessageWindow {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** The newest page of the default size. */
    public static MessageWindow latest() {
        return new MessageWindow(OptionalInt.empty(), Optional.empty(), Optional.empty());
    }
}
