package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.util.Objects;

/**
 * The key id ({@code kid}) of one key of a widget's keyring: a secret (ids we assign: letters,
 * digits, {@code _}, {@code -}) or a public key (the JWK's own {@code kid}, which may be wider).
 * Unique within its keyring.
 *
 * <p>Accepted: 1 to {@value #MAX_LENGTH} printable ASCII characters other than space, {@code /},
 * {@code \}, {@code ?}, {@code #} and {@code %}, so every key id can name a key in a URL path.
 */
public record KeyId(String value) {
    public static final int MAX_LENGTH = 128;

    public KeyId {
        Objects.requireNonNull(value, "key id");
        if (!isValid(value)) {
            throw new IllegalArgumentException("key id must be 1 to " + MAX_LENGTH
                    + " printable ASCII characters, without spaces, '/', '\\', '?', '#' or '%'");
        }
    }

    /**
     * The key id of an uploaded public key an admin names; one that cannot be a key id names no key,
     * so it gets {@link #unknownPublicKey()}.
     */
    public static Result<KeyId> parse(String value) {
        return isValid(value) ? Result.ok(new KeyId(value)) : Result.refused(unknownPublicKey());
    }

    /** The refusal for a key id that names no uploaded public key of the widget. */
    public static Refusal unknownPublicKey() {
        return Refusal.of(ErrorCode.NOT_FOUND, "This widget has no uploaded public key with this key id. Secrets are rotated, "
                + "not deleted, and keys read from the widget's JWKS URL are removed from that key set.");
    }

    /** True when {@code value} can be a key id. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '/' || c == '\\' || c == '?' || c == '#' || c == '%') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
