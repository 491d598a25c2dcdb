package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase.WidgetOriginsQuery;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.WidgetId;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Optional;

/** The origins the cross-origin layer of a transport asks for. */
class WidgetOriginsTest {
    private final TestWorld w = new TestWorld();

    @Test
    void aWidgetWithNoListAllowsAnyOrigin() {
        AllowedOrigins origins = w.auth.widgetOrigins().widgetOrigins(new WidgetOriginsQuery(w.widget)).orElseThrow();

        assertThat(origins.origins()).isEmpty();
    }

    @Test
    void aWidgetWithAListAnswersItsList() {
        w.auth.updateWidget().updateWidget(w.workspace, w.widget, new WidgetSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("https://shop.example.com"))));

        AllowedOrigins origins = w.auth.widgetOrigins().widgetOrigins(new WidgetOriginsQuery(w.widget)).orElseThrow();

        assertThat(origins.origins()).containsExactly("https://shop.example.com");
    }

    @Test
    void anUnknownWidgetIsNotFound() {
        Result<AllowedOrigins> r = w.auth.widgetOrigins().widgetOrigins(new WidgetOriginsQuery(new WidgetId("wgt_doesnotexist")));

        assertThat(((Result.Refused<AllowedOrigins>) r).refusal().code()).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
    }
}
