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
 */
public record WidgetSettings(Optional<String> name, Optional<String> mode, Optional<Long> maxTokenLifetimeSeconds,
                             Optional<Long> clockSkewSeconds, Optional<Boolean> requireJti,
                             Optional<List<String>> allowedOrigins) {
    public WidgetSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxTokenLifetimeSeconds, "maxTokenLifetimeSeconds");
        Objects.requireNonNull(clockSkewSeconds, "clockSkewSeconds");
        Objects.requireNonNull(requireJti, "requireJti");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        allowedOrigins = allowedOrigins.map(List::copyOf);
    }

    public static WidgetSettings named(String name) {
        return new WidgetSettings(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
