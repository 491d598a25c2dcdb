package dev.visitorauth.contract;

import java.util.Optional;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

public abstract class VisitorContractTest extends StoreContract {
    private final WidgetId widget = TestData.widgetId();

    @Test
    void anAnonymousVisitorRoundTrips() {
        WorkspaceId ws = TestData.workspaceId();
        Visitor v = Visitor.anonymous(ws, widget, TestData.visitorId(), clock.instant());

        store.saveVisitors().saveVisitor(v);

        Visitor found = store.loadVisitors().findVisitor(ws, v.id()).orElseThrow();
        assertThat(found).isEqualTo(v);
        assertThat(found.user()).isEmpty();
    }

    @Test
    void aLinkedVisitorRoundTrips() {
        WorkspaceId ws = TestData.workspaceId();
        Visitor v = Visitor.linked(ws, widget, TestData.visitorId(), TestData.userId(), clock.instant());

        store.saveVisitors().saveVisitor(v);

        assertThat(store.loadVisitors().findVisitor(ws, v.id())).contains(v);
    }

    @Test
    void aNewVisitorIsCreatedOnceAndReadWithItsOwnersExternalId() {
        WorkspaceId ws = TestData.workspaceId();
        User user = store.saveUsers().insertUserIfAbsent(TestData.user(ws, "ada", clock.instant()));
        Visitor linked = Visitor.linked(ws, widget, TestData.visitorId(), user.id(), clock.instant());
        Visitor anonymous = Visitor.anonymous(ws, widget, TestData.visitorId(), clock.instant());

        store.saveVisitors().createVisitor(linked);
        store.saveVisitors().createVisitor(anonymous);

        assertThat(store.loadVisitors().findVisitorWithOwner(ws, linked.id()))
                .contains(new LoadVisitorPort.OwnedVisitor(linked, Optional.of(user.externalId())));
        assertThat(store.loadVisitors().findVisitorWithOwner(ws, anonymous.id()))
                .contains(new LoadVisitorPort.OwnedVisitor(anonymous, Optional.empty()));
        assertThat(store.loadVisitors().findVisitorWithOwner(TestData.workspaceId(), linked.id())).isEmpty();
        assertThatThrownBy(() -> store.saveVisitors().createVisitor(linked.seenAt(clock.instant().plusSeconds(1))))
                .as("an id stored already is a broken invariant, not a replace").isInstanceOf(RuntimeException.class);
        assertThat(store.loadVisitors().findVisitor(ws, linked.id())).contains(linked);
    }

    @Test
    void savingAgainReplacesTheVisitor() {
        WorkspaceId ws = TestData.workspaceId();
        Visitor v = Visitor.anonymous(ws, widget, TestData.visitorId(), clock.instant());
        store.saveVisitors().saveVisitor(v);
        clock.advance(Duration.ofMinutes(3));
        Visitor linked = v.linkTo(TestData.userId(), clock.instant());

        store.saveVisitors().saveVisitor(linked);
        clock.advance(Duration.ofMinutes(3));
        Visitor seen = linked.seenAt(clock.instant());
        store.saveVisitors().saveVisitor(seen);

        assertThat(store.loadVisitors().findVisitor(ws, v.id())).contains(seen);
    }

    @Test
    void visitorsOfAUserAreListedOldestFirst() {
        WorkspaceId ws = TestData.workspaceId();
        UserId user = TestData.userId();
        Visitor second = Visitor.linked(ws, widget, TestData.visitorId(), user, clock.instant().plusSeconds(10));
        Visitor first = Visitor.linked(ws, widget, TestData.visitorId(), user, clock.instant());
        Visitor someoneElses = Visitor.linked(ws, widget, TestData.visitorId(), TestData.userId(), clock.instant());
        Visitor anonymous = Visitor.anonymous(ws, widget, TestData.visitorId(), clock.instant());
        for (Visitor v : new Visitor[] {second, first, someoneElses, anonymous}) {
            store.saveVisitors().saveVisitor(v);
        }

        assertThat(store.loadVisitors().visitorsOf(ws, user)).containsExactly(first, second);
    }

    @Test
    void aVisitorIsInvisibleFromAnotherWorkspace() {
        WorkspaceId a = TestData.workspaceId();
        WorkspaceId b = TestData.workspaceId();
        UserId user = TestData.userId();
        Visitor v = Visitor.linked(a, widget, TestData.visitorId(), user, clock.instant());
        store.saveVisitors().saveVisitor(v);

        assertThat(store.loadVisitors().findVisitor(b, v.id())).isEmpty();
        assertThat(store.loadVisitors().visitorsOf(b, user)).isEmpty();
    }

    @Test
    void aLinkedVisitorIsNeverOverwrittenAsAnotherUsersOrAsAnonymous() {
        WorkspaceId ws = TestData.workspaceId();
        Visitor anonymous = Visitor.anonymous(ws, widget, TestData.visitorId(), clock.instant());
        Visitor linked = anonymous.linkTo(TestData.userId(), clock.instant());
        store.saveVisitors().saveVisitor(linked);
        // what a concurrent start-up that read the visitor while it was still anonymous would save
        Visitor linkedElsewhere = anonymous.linkTo(TestData.userId(), clock.instant());

        assertThatThrownBy(() -> store.saveVisitors().saveVisitor(linkedElsewhere))
                .isInstanceOf(dev.visitorauth.application.port.out.ConcurrentChangeException.class);
        assertThatThrownBy(() -> store.saveVisitors().saveVisitor(anonymous.seenAt(clock.instant())))
                .isInstanceOf(dev.visitorauth.application.port.out.ConcurrentChangeException.class);
        assertThat(store.loadVisitors().findVisitor(ws, anonymous.id())).contains(linked);
    }
}
