package dev.visitorauth.adapter.persistence;

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

abstract class SessionContractTest extends DatabaseContract {
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

        db.sessions().saveSession(s);

        assertThat(db.sessions().findSession(ws, s.tokenHash())).contains(s);
    }

    @Test
    void aCreatedSessionRoundTripsAndItsTokenHashIsNeverStoredTwice() {
        WorkspaceId ws = TestData.workspaceId();
        Session s = session(ws, TestData.visitorId(), true, clock.instant());

        db.sessions().createSession(s);

        assertThat(db.sessions().findSession(ws, s.tokenHash())).contains(s);
        Session other = new Session(s.tokenHash(), ws, s.widgetId(), TestData.visitorId(), Optional.empty(),
                s.createdAt(), s.expiresAt(), Optional.empty());
        assertThatThrownBy(() -> db.sessions().createSession(other)).isInstanceOf(RuntimeException.class);
        assertThat(db.sessions().findSession(ws, s.tokenHash())).as("the first one stays").contains(s);
    }

    @Test
    void anAnonymousSessionRoundTrips() {
        WorkspaceId ws = TestData.workspaceId();
        Session s = session(ws, TestData.visitorId(), false, clock.instant());

        db.sessions().saveSession(s);

        Session found = db.sessions().findSession(ws, s.tokenHash()).orElseThrow();
        assertThat(found).isEqualTo(s);
        assertThat(found.userId()).isEmpty();
        assertThat(found.revokedAt()).isEmpty();
    }

    @Test
    void savingARevokedSessionStoresItsRevocation() {
        WorkspaceId ws = TestData.workspaceId();
        Session s = session(ws, TestData.visitorId(), true, clock.instant());
        db.sessions().saveSession(s);

        Session revoked = s.revoke(clock.instant().plusSeconds(5));
        db.sessions().saveSession(revoked);

        assertThat(db.sessions().findSession(ws, s.tokenHash())).contains(revoked);
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
            db.sessions().saveSession(s);
        }
        Instant now = clock.instant().plusSeconds(60);

        int revoked = db.sessions().revokeSessionsOf(ws, visitor, now);

        assertThat(revoked).isEqualTo(2);
        assertThat(db.sessions().findSession(ws, a.tokenHash())).contains(a.revoke(now));
        assertThat(db.sessions().findSession(ws, b.tokenHash())).contains(b.revoke(now));
        assertThat(db.sessions().findSession(ws, earlierRevoked.tokenHash())).contains(earlierRevoked);
        assertThat(db.sessions().findSession(ws, otherVisitors.tokenHash())).contains(otherVisitors);
    }

    @Test
    void aSessionIsInvisibleFromAnotherWorkspace() {
        WorkspaceId a = TestData.workspaceId();
        WorkspaceId b = TestData.workspaceId();
        VisitorId visitor = TestData.visitorId();
        Session s = session(a, visitor, true, clock.instant());
        db.sessions().saveSession(s);

        assertThat(db.sessions().findSession(b, s.tokenHash())).isEmpty();
        assertThat(db.sessions().revokeSessionsOf(b, visitor, clock.instant())).isZero();
        assertThat(db.sessions().findSession(a, s.tokenHash())).contains(s);
    }
}
