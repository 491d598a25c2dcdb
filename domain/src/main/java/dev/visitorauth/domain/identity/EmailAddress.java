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

    /** True when {@code text} is an address. */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        int length = Texts.codePoints(text);
        if (length < 1 || length > MAX_LENGTH) {
            return false;
        }
        int at = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (Texts.isSpaceOrControl(c)) {
                return false;
            }
        }
        return at > 0 && at < text.length() - 1;
    }

    @Override
    public String toString() {
        return value;
    }
}
