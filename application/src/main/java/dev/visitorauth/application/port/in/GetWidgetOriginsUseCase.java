package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.WidgetId;
import java.util.Objects;

/**
 * The browser origins a widget may be used from, for a transport's cross-origin layer (CORS): the
 * answer tells a browser which pages may read the widget's responses. Public information (any page
 * embedding the widget shows it), so no credential is asked.
 */
public interface GetWidgetOriginsUseCase {

    /**
     * @return the widget's allowed origins ({@link AllowedOrigins#any()} when it has no list), or
     *         {@code widget_not_found} for an unknown widget id
     */
    Result<AllowedOrigins> widgetOrigins(WidgetOriginsQuery query);

    /** @param widgetId the widget's public id, as it appears in the request path */
    record WidgetOriginsQuery(WidgetId widgetId) {
        public WidgetOriginsQuery {
            Objects.requireNonNull(widgetId, "widgetId");
        }
    }
}
