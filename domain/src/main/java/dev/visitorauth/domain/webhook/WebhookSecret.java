package dev.visitorauth.domain.webhook;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An endpoint's signing secret as Standard Webhooks write it: {@code whsec_} and the base64 of the
 * key bytes. The HMAC key is those bytes ({@link #key()}), not the text. {@link #toString()} never
 * shows it.
 */
public record WebhookSecret(String value) {
    public static final String PREFIX = "whsec_";
    /** The key length the service makes: 32 random bytes. */
    public static final int KEY_BYTES = 32;

    public WebhookSecret {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ and base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret's key is 24 to 64 bytes");
        }
    }

    /** The secret for {@code key} (24 to 64 random bytes). */
    public static WebhookSecret of(byte[] key) {
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC-SHA256 key: the bytes the base64 after {@code whsec_} encodes. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret s && Arrays.equals(s.key(), key());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key());
    }

    @Override
    public String toString() {
        return PREFIX + "(hidden)";
    }
}
