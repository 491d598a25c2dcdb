package dev.visitorauth.domain.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A widget being created, before its settings are applied. */
class WidgetTest {
    @Test
    void aDraftHasThePlaceholderNameTheDefaultPolicyAndAnyOrigin() {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");
        Widget draft = Widget.draft(new WorkspaceId("ws_1"), new WidgetId("wgt_1"), now);

        assertThat(draft).isEqualTo(new Widget(new WorkspaceId("ws_1"), new WidgetId("wgt_1"), "-",
                AuthenticationPolicy.defaults(), AllowedOrigins.any(), now));
    }
}
