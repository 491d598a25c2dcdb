package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.Widget;
import java.util.Objects;

/** Reads a widget's allowed origins for the cross-origin layer; changes nothing. */
public final class WidgetOriginsService implements GetWidgetOriginsUseCase {
    private final LoadWidgetPort widgets;

    public WidgetOriginsService(LoadWidgetPort widgets) {
        this.widgets = Objects.requireNonNull(widgets, "widgets");
    }

    @Override
    public Result<AllowedOrigins> widgetOrigins(WidgetOriginsQuery query) {
        return widgets.findWidget(query.widgetId()).map(Widget::allowedOrigins)
                .<Result<AllowedOrigins>>map(Result::ok).orElseGet(Refusals::widgetNotFound);
    }
}
