package dev.visitorauth.domain.widget;

import java.util.List;
import java.util.Objects;

/**
 * The keys a token may be verified with, as {@link WidgetKeyring#select} chose them; the signature
 * step tries them in order and the first that verifies is the one reported.
 */
public sealed interface KeyChoice permits KeyChoice.Secrets, KeyChoice.PublicKeys {

    /**
     * HS256 secrets.
     *
     * @param verifying  the secrets that verify now, current first (one when a {@code kid} named it)
     * @param rotatedOut remembered secrets that no longer verify, tried only to report
     *                   {@code secret_rotated} instead of {@code invalid_signature}
     */
    record Secrets(List<WidgetSecret> verifying, List<WidgetSecret> rotatedOut) implements KeyChoice {
        public Secrets {
            verifying = List.copyOf(verifying);
            rotatedOut = List.copyOf(rotatedOut);
        }
    }

    /** Public keys that allow the token's {@code alg}, uploaded ones first. */
    record PublicKeys(List<WidgetPublicKey> keys) implements KeyChoice {
        public PublicKeys {
            keys = List.copyOf(keys);
            Objects.checkIndex(0, keys.size());
        }
    }
}
