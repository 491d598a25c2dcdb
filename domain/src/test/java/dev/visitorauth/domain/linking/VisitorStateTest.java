package dev.visitorauth.domain.linking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a found visitor is to a start-up (spec 4.5: another widget's visitor id is an unknown one). */
class VisitorStateTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_1");
    private static final WidgetId WIDGET = new WidgetId("wgt_1");
    private static final WidgetId OTHER_WIDGET = new WidgetId("wgt_2");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final ExternalUserId U = new ExternalUserId("user-u");

    @Test
    void anotherWidgetsVisitorIsUnknownWhetherAnonymousOrLinked() {
        Visitor anonymous = Visitor.anonymous(WORKSPACE, OTHER_WIDGET, new VisitorId("vis_a"), NOW);
        Visitor linked = Visitor.linked(WORKSPACE, OTHER_WIDGET, new VisitorId("vis_l"), new UserId("usr_u"), NOW);

        assertThat(VisitorState.of(anonymous, Optional.empty(), WIDGET)).isEqualTo(new VisitorState.None());
        assertThat(VisitorState.of(linked, Optional.of(U), WIDGET)).isEqualTo(new VisitorState.None());
    }

    @Test
    void thisWidgetsVisitorIsAnonymousOrLinkedToItsOwner() {
        Visitor anonymous = Visitor.anonymous(WORKSPACE, WIDGET, new VisitorId("vis_a"), NOW);
        Visitor linked = Visitor.linked(WORKSPACE, WIDGET, new VisitorId("vis_l"), new UserId("usr_u"), NOW);

        assertThat(VisitorState.of(anonymous, Optional.empty(), WIDGET)).isEqualTo(new VisitorState.Anonymous(anonymous));
        assertThat(VisitorState.of(linked, Optional.of(U), WIDGET)).isEqualTo(new VisitorState.Linked(linked, U));
    }
}
