package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.util.Objects;

/** A widget with its current secret (admin views reveal only the key id unless asked). */
public record WidgetDetails(Widget widget, WidgetSecret currentSecret) {
    public WidgetDetails {
        Objects.requireNonNull(widget, "widget");
        Objects.requireNonNull(currentSecret, "currentSecret");
    }
}
