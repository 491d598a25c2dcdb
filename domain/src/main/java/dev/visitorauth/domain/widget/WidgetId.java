package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** A widget's public id, as it appears in the page's settings. */
public record WidgetId(String value) {
    public WidgetId {
        Ids.requireWellFormed(value, "widget id");
    }

    /**
     * The id in {@code value}; a malformed one names nothing, so it gets {@link #unknown()}, the
     * refusal for an id that names nothing here.
     */
    public static Result<WidgetId> parse(String value) {
        return Ids.isWellFormed(value) ? Result.ok(new WidgetId(value)) : Result.refused(unknown());
    }

    /** The refusal for an id that names no widget (here, or in the caller's workspace). */
    public static Refusal unknown() {
        return Refusal.of(ErrorCode.WIDGET_NOT_FOUND, "No widget with this id. Check the widgetId in your page's settings.");
    }

    @Override
    public String toString() {
        return value;
    }
}
