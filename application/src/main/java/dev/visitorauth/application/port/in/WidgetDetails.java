package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A widget with its current secret (admin views reveal only the key id unless asked), its uploaded
 * public keys (oldest first) and its JWKS URL, if any (spec section 12).
 */
public record WidgetDetails(Widget widget, WidgetSecret currentSecret, List<WidgetPublicKey> publicKeys,
                            Optional<JwksUrl> jwksUrl) {
    public WidgetDetails {
        Objects.requireNonNull(widget, "widget");
        Objects.requireNonNull(currentSecret, "currentSecret");
        publicKeys = List.copyOf(publicKeys);
        Objects.requireNonNull(jwksUrl, "jwksUrl");
    }

    /** The widget with what its keyring shows an admin. */
    public static WidgetDetails of(Widget widget, WidgetKeyring keyring) {
        return new WidgetDetails(widget, keyring.current(), keyring.publicKeys(), keyring.jwksUrl());
    }
}
