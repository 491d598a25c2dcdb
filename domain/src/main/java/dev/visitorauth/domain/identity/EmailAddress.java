package dev.visitorauth.domain.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * A user's e-mail address as a token may carry it: at most {@value #MAX_LENGTH} code points,
 * exactly one {@code @} with something on both sides, no whitespace or control characters, and
 * nothing that cannot be stored (an unpaired surrogate, U+0000). Deliverability is not our
 * business. Valid by construction.
 */
public record EmailAddress(String value) {
    public static final int MAX_LENGTH = 320;

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("an e-mail address has one @, no spaces, and at most " + MAX_LENGTH + " characters");
        }
    }

    /** The address, if {@code text} is one. */
    public static Optional<EmailAddress> parse(String text) {
        return isValid(text) ? Optional.of(new EmailAddress(text)) : Optional.empty();
    }

    /**
     * True when {@code text} is an address. One pass in the common case: the loop that finds the
     * {@code @} and refuses whitespace and control characters (U+0000 among them) also notes a
     * surrogate; only then, or for a text longer than the limit in UTF-16 units, are code points
     * counted.
     */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        int units = text.length();
        if (units == 0 || units > 2 * MAX_LENGTH) {
            return false;
        }
        int at = -1;
        boolean surrogates = false;
        for (int i = 0; i < units; i++) {
            char c = text.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c <= ' ' || c >= 0x7F) { // printable ASCII but '@' is the common case, decided in two compares
                if (Texts.isSpaceOrControl(c)) {
                    return false;
                }
                surrogates |= Character.isSurrogate(c);
            }
        }
        if (at <= 0 || at == units - 1) {
            return false;
        }
        if (!surrogates && units <= MAX_LENGTH) {
            return true; // no surrogate: one code point per unit, and nothing that cannot be stored
        }
        int length = Texts.codePoints(text);
        return length >= 1 && length <= MAX_LENGTH;
    }

    @Override
    public String toString() {
        return value;
    }
}
