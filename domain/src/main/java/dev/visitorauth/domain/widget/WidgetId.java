package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.Ids;

/** A widget's public id, as it appears in the page's settings. */
public record WidgetId(String value) {
    public WidgetId {
        Ids.requireWellFormed(value, "widget id");
    }

    @Override
    public String toString() {
        return value;
    }
}
