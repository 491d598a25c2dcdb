package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.GetWidgetOriginsUseCase.WidgetOriginsQuery;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AllowedOrigins;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The origins the cross-origin layer of a transport asks for. */
class WidgetOriginsTest {
    private final TestWorld w = new TestWorld();

    @Test
    void aWidgetWithNoListAllowsAnyOrigin() {
        AllowedOrigins origins = w.auth.widgetOrigins().widgetOrigins(new WidgetOriginsQuery(w.widgetId)).orElseThrow();

        assertThat(origins.origins()).isEmpty();
    }

    @Test
    void aWidgetWithAListAnswersItsList() {
        w.auth.updateWidget().updateWidget(w.workspace, w.widgetId, new WidgetSettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of("https://shop.example.com"))));

        AllowedOrigins origins = w.auth.widgetOrigins().widgetOrigins(new WidgetOriginsQuery(w.widgetId)).orElseThrow();

        assertThat(origins.origins()).containsExactly("https://shop.example.com");
    }

    @Test
    void anUnknownOrMalformedWidgetIsNotFound() {
        for (String id : List.of("wgt_doesnotexist", "not an id/..")) {
            Result<AllowedOrigins> r = w.auth.widgetOrigins().widgetOrigins(new WidgetOriginsQuery(id));

            assertThat(((Result.Refused<AllowedOrigins>) r).refusal().code()).as(id).isEqualTo(ErrorCode.WIDGET_NOT_FOUND);
        }
    }
}
