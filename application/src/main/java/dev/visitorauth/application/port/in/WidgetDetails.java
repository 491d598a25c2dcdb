package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.coverage.RequiredImpact;
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
 * public keys (oldest first) and its JWKS URL, if any (spec section 12); after a change to
 * {@code required}, the rollout warning (spec section 11).
 */
public record WidgetDetails(Widget widget, WidgetSecret currentSecret, List<WidgetPublicKey> publicKeys,
                            Optional<JwksUrl> jwksUrl, Optional<RequiredImpact> rolloutWarning) {
    public WidgetDetails {
        Objects.requireNonNull(widget, "widget");
        Objects.requireNonNull(currentSecret, "currentSecret");
        publicKeys = List.copyOf(publicKeys);
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(rolloutWarning, "rolloutWarning");
    }

    /** Without a rollout warning. */
    public WidgetDetails(Widget widget, WidgetSecret currentSecret, List<WidgetPublicKey> publicKeys,
                         Optional<JwksUrl> jwksUrl) {
        this(widget, currentSecret, publicKeys, jwksUrl, Optional.empty());
    }

    /**
     * This widget with the warning of a change to {@code required}: what that mode would have refused
     * over the last 24 hours (spec section 11), or empty when nothing.
     */
    public WidgetDetails withRolloutWarning(Optional<RequiredImpact> warning) {
        return new WidgetDetails(widget, currentSecret, publicKeys, jwksUrl, warning);
    }

    /** The widget with what its keyring shows an admin. */
    public static WidgetDetails of(Widget widget, WidgetKeyring keyring) {
        return new WidgetDetails(widget, keyring.current(), keyring.publicKeys(), keyring.jwksUrl());
    }
}
