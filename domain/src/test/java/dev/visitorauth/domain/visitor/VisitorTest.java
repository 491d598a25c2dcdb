package dev.visitorauth.domain.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VisitorTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_1");
    private static final WidgetId WIDGET = new WidgetId("wgt_1");
    private static final VisitorId ID = new VisitorId("vis_1");
    private static final UserId USER = new UserId("usr_1");
    private static final UserId OTHER_USER = new UserId("usr_2");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

    @Test
    void anAnonymousVisitorHasNoUserAndIsFirstSeenWhenCreated() {
        Visitor v = Visitor.anonymous(WORKSPACE, WIDGET, ID, NOW);

        assertThat(v.isAnonymous()).isTrue();
        assertThat(v.user()).isEmpty();
        assertThat(v.isLinkedTo(USER)).isFalse();
        assertThat(v.createdAt()).isEqualTo(NOW);
        assertThat(v.lastSeenAt()).isEqualTo(NOW);
        assertThat(v.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(v.widgetId()).isEqualTo(WIDGET);
        assertThat(v.id()).isEqualTo(ID);
    }

    @Test
    void aLinkedVisitorIsLinkedToItsUserOnly() {
        Visitor v = Visitor.linked(WORKSPACE, WIDGET, ID, USER, NOW);

        assertThat(v.isAnonymous()).isFalse();
        assertThat(v.user()).contains(USER);
        assertThat(v.isLinkedTo(USER)).isTrue();
        assertThat(v.isLinkedTo(OTHER_USER)).isFalse();
    }

    @Test
    void linkingAnAnonymousVisitorKeepsItsCreationAndMarksItSeen() {
        Visitor v = Visitor.anonymous(WORKSPACE, WIDGET, ID, NOW).linkTo(USER, LATER);

        assertThat(v.isLinkedTo(USER)).isTrue();
        assertThat(v.id()).isEqualTo(ID);
        assertThat(v.createdAt()).isEqualTo(NOW);
        assertThat(v.lastSeenAt()).isEqualTo(LATER);
    }

    @Test
    void linkingAgainToTheSameUserKeepsTheLink() {
        Visitor v = Visitor.linked(WORKSPACE, WIDGET, ID, USER, NOW).linkTo(USER, LATER);

        assertThat(v.user()).contains(USER);
        assertThat(v.lastSeenAt()).isEqualTo(LATER);
    }

    @Test
    void aLinkedVisitorNeverMovesToAnotherUser() {
        Visitor v = Visitor.linked(WORKSPACE, WIDGET, ID, USER, NOW);

        assertThatThrownBy(() -> v.linkTo(OTHER_USER, LATER)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void beingSeenMovesOnlyTheLastSeenTime() {
        Visitor v = Visitor.linked(WORKSPACE, WIDGET, ID, USER, NOW).seenAt(LATER);

        assertThat(v.lastSeenAt()).isEqualTo(LATER);
        assertThat(v.createdAt()).isEqualTo(NOW);
        assertThat(v.user()).contains(USER);
    }

    @Test
    void aRestoredVisitorEqualsTheOneThatWasStored() {
        Visitor stored = Visitor.anonymous(WORKSPACE, WIDGET, ID, NOW).linkTo(USER, LATER);

        Visitor restored = Visitor.restore(WORKSPACE, WIDGET, ID, Optional.of(USER), NOW, LATER);

        assertThat(restored).isEqualTo(stored).hasSameHashCodeAs(stored);
        assertThat(restored).isNotEqualTo(Visitor.restore(WORKSPACE, WIDGET, ID, Optional.empty(), NOW, LATER));
        assertThat(restored).isNotEqualTo(Visitor.restore(WORKSPACE, WIDGET, ID, Optional.of(USER), NOW, NOW));
    }

    @Test
    void itsTextSaysWhetherItIsLinked() {
        assertThat(Visitor.anonymous(WORKSPACE, WIDGET, ID, NOW)).hasToString("Visitor[vis_1 anonymous]");
        assertThat(Visitor.linked(WORKSPACE, WIDGET, ID, USER, NOW).toString()).contains("linked to").contains("usr_1");
    }
}
