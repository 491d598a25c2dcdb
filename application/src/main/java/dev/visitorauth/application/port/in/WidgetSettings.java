package dev.visitorauth.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The optional widget settings of a create or update request; empty members keep the current
 * value (or the default on create).
 *
 * @param mode                    {@code optional}, {@code required} or {@code observe}
 * @param maxTokenLifetimeSeconds 1 to 86400
 * @param clockSkewSeconds        0 to 300
 * @param jwksUrl                 the widget's JWKS URL (spec section 12): keep, remove, or set (an
 *                                {@code https} URL; {@code http} only when private outbound
 *                                addresses are allowed)
 */
public record WidgetSettings(Optional<String> name, Optional<String> mode, Optional<Long> maxTokenLifetimeSeconds,
                             Optional<Long> clockSkewSeconds, Optional<Boolean> requireJti,
                             Optional<List<String>> allowedOrigins, SettingChange<String> jwksUrl) {
    public WidgetSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxTokenLifetimeSeconds, "maxTokenLifetimeSeconds");
        Objects.requireNonNull(clockSkewSeconds, "clockSkewSeconds");
        Objects.requireNonNull(requireJti, "requireJti");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        allowedOrigins = allowedOrigins.map(List::copyOf);
    }

    /** Settings that leave the JWKS URL as it is. */
    public WidgetSettings(Optional<String> name, Optional<String> mode, Optional<Long> maxTokenLifetimeSeconds,
                          Optional<Long> clockSkewSeconds, Optional<Boolean> requireJti,
                          Optional<List<String>> allowedOrigins) {
        this(name, mode, maxTokenLifetimeSeconds, clockSkewSeconds, requireJti, allowedOrigins, SettingChange.keep());
    }

    public static WidgetSettings named(String name) {
        return new WidgetSettings(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Only the JWKS URL changes. */
    public static WidgetSettings jwksUrlOnly(SettingChange<String> jwksUrl) {
        return new WidgetSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), jwksUrl);
    }
}
