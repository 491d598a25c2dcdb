package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/** A message's text: not blank, at most {@value #MAX_LENGTH} Unicode code points (spec section 14). */
public record MessageText(String value) {
    public static final int MAX_LENGTH = 10_000;

    public MessageText {
        Objects.requireNonNull(value, "text");
        if (!isValid(value)) {
            throw new IllegalArgumentException("message text must be 1 to " + MAX_LENGTH + " code points, not blank");
        }
    }

    /**
     * {@code value} as a message's text, whoever posts it (a visitor or an agent): {@code invalid_request}
     * about the text when blank or over {@value #MAX_LENGTH} code points.
     */
    public static Result<MessageText> parse(String value) {
        return isValid(value) ? Result.ok(new MessageText(value))
                : Result.refused(Refusal.invalid(InputField.TEXT, "must be 1 to " + MAX_LENGTH + " code points and not blank."));
    }

    /** Not blank and at most {@value #MAX_LENGTH} code points (a character outside the BMP counts once). */
    public static boolean isValid(String value) {
        return value != null && !value.isBlank() && value.length() <= 2 * MAX_LENGTH
                && value.codePointCount(0, value.length()) <= MAX_LENGTH;
    }
}
