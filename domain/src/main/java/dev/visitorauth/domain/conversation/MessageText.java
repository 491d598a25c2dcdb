package dev.visitorauth.domain.conversation;

import java.util.Objects;

/** A message's text: not blank, at most {@value #MAX_LENGTH} characters. */
public record MessageText(String value) {
    public static final int MAX_LENGTH = 10_000;

    public MessageText {
        Objects.requireNonNull(value, "text");
        if (!isValid(value)) {
            throw new IllegalArgumentException("message text must be 1 to " + MAX_LENGTH + " characters, not blank");
        }
    }

    public static boolean isValid(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_LENGTH;
    }
}
