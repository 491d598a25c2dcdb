package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public abstract class SessionContractTest extends StoreContract {
    private final WidgetId widget = TestData.widgetId();

    private Session session(WorkspaceId ws, VisitorId visitor, boolean authenticated, Instant createdAt) {
        return new Session(TestData.tokenHash(), ws, widget, visitor,
                authenticated ? Optional.of(TestData.userId()) : Optional.empty(), createdAt, createdAt.plus(Duration.ofHours(12)),
                Optional.empty());
    }

    @Test
    void anAuthenticatedSessionRoundTrips() {
        WorkspaceId ws = TestData.workspaceId();
        Session s = session(ws, TestData.visitorId(), true, clock.instant());

        store.saveSessions().saveSession(s);

        assertThat(store.loadSessions().findSession(ws, s.tokenHash())).contains(s);
    }

    @Test
    void aCreatedSessionRoundTripsAndItsTokenHashIsNeverStoredTwice() {
        WorkspaceId ws = TestData.workspaceId();
        Session s = session(ws, TestData.visitorId(), true, clock.instant());

        store.saveSessions().createSession(s);

        assertThat(store.loadSessions().findSession(ws, s.tokenHash())).contains(s);
        Session other = new Session(s.tokenHash(), ws, s.widgetId(), TestData.visitorId(), Optional.empty(),
                s.createdAt(), s.expiresAt(), Optional.empty());
        assertThatThrownBy(() -> store.saveSessions().createSession(other)).isInstanceOf(RuntimeException.class);
        assertThat(store.loadSessions().findSession(ws, s.tokenHash())).as("the first one stays").contains(s);
    }

    @Test
    void anAnonymousSessionRoundTrips() {
        WorkspaceId ws = TestData.workspaceId();
        Session s = session(ws, TestData.visitorId(), false, clock.instant());

        store.saveSessions().saveSession(s);

        Session found = store.loadSessions().findSession(ws, s.tokenHash()).orElseThrow();
        assertThat(found).isEqualTo(s);
        assertThat(found.userId()).isEmpty();
        assertThat(found.revokedAt()).isEmpty();
    }

    @Test
    void savingARevokedSessionStoresItsRevocation() {
        WorkspaceId ws = TestData.workspaceId();
        Session s = session(ws, TestData.visitorId(), true, clock.instant());
        store.saveSessions().saveSession(s);

        Session revoked = s.revoke(clock.instant().plusSeconds(5));
        store.saveSessions().saveSession(revoked);

        assertThat(store.loadSessions().findSession(ws, s.tokenHash())).contains(revoked);
    }

    @Test
    void revokingRevokesOnlyThatVisitorsUnrevokedSessions() {
        WorkspaceId ws = TestData.workspaceId();
        VisitorId visitor = TestData.visitorId();
        Session a = session(ws, visitor, false, clock.instant());
        Session b = session(ws, visitor, true, clock.instant());
        Session earlierRevoked = session(ws, visitor, false, clock.instant()).revoke(clock.instant());
        Session otherVisitors = session(ws, TestData.visitorId(), false, clock.instant());
        for (Session s : new Session[] {a, b, earlierRevoked, otherVisitors}) {
            store.saveSessions().saveSession(s);
        }
        Instant now = clock.instant().plusSeconds(60);

        int revoked = store.saveSessions().revokeSessionsOf(ws, visitor, now);

        assertThat(revoked).isEqualTo(2);
        assertThat(store.loadSessions().findSession(ws, a.tokenHash())).contains(a.revoke(now));
        assertThat(store.loadSessions().findSession(ws, b.tokenHash())).contains(b.revoke(now));
        assertThat(store.loadSessions().findSession(ws, earlierRevoked.tokenHash())).contains(earlierRevoked);
        assertThat(store.loadSessions().findSession(ws, otherVisitors.tokenHash())).contains(otherVisitors);
    }

    @Test
    void aSessionIsInvisibleFromAnotherWorkspace() {
        WorkspaceId a = TestData.workspaceId();
        WorkspaceId b = TestData.workspaceId();
        VisitorId visitor = TestData.visitorId();
        Session s = session(a, visitor, true, clock.instant());
        store.saveSessions().saveSession(s);

        assertThat(store.loadSessions().findSession(b, s.tokenHash())).isEmpty();
        assertThat(store.saveSessions().revokeSessionsOf(b, visitor, clock.instant())).isZero();
        assertThat(store.loadSessions().findSession(a, s.tokenHash())).contains(s);
    }
}
