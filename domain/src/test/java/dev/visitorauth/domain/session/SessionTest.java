package dev.visitorauth.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofHours(12));

    private static Session session(Optional<UserId> user, Instant expiresAt) {
        return new Session(new SessionTokenHash("a".repeat(64)), new WorkspaceId("ws_1"), new WidgetId("wgt_1"),
                new VisitorId("vis_1"), user, CREATED, expiresAt, Optional.empty());
    }

    @Test
    void aSessionWithAUserIsAuthenticatedAndOneWithoutIsNot() {
        assertThat(session(Optional.of(new UserId("usr_1")), EXPIRES).isAuthenticated()).isTrue();
        assertThat(session(Optional.empty(), EXPIRES).isAuthenticated()).isFalse();
    }

    @Test
    void aSessionIsActiveUntilItExpiresAndNotFromThatInstant() {
        Session s = session(Optional.empty(), EXPIRES);

        assertThat(s.isActiveAt(CREATED)).isTrue();
        assertThat(s.isActiveAt(EXPIRES.minusNanos(1))).isTrue();
        assertThat(s.isActiveAt(EXPIRES)).isFalse();
        assertThat(s.isActiveAt(EXPIRES.plusSeconds(1))).isFalse();
    }

    @Test
    void aRevokedSessionIsNoLongerActiveAndRemembersWhenItWasRevoked() {
        Instant revokedAt = CREATED.plusSeconds(60);

        Session revoked = session(Optional.empty(), EXPIRES).revoke(revokedAt);

        assertThat(revoked.revokedAt()).contains(revokedAt);
        assertThat(revoked.isActiveAt(CREATED.plusSeconds(61))).isFalse();
        assertThat(revoked.expiresAt()).isEqualTo(EXPIRES);
    }

    @Test
    void revokingTwiceKeepsTheFirstRevocation() {
        Session revoked = session(Optional.empty(), EXPIRES).revoke(CREATED.plusSeconds(60));

        assertThat(revoked.revoke(CREATED.plusSeconds(120))).isSameAs(revoked);
    }

    @Test
    void aSessionExpiresAfterItIsCreated() {
        assertThatThrownBy(() -> session(Optional.empty(), CREATED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session(Optional.empty(), CREATED.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(session(Optional.empty(), CREATED.plusNanos(1)).expiresAt()).isEqualTo(CREATED.plusNanos(1));
    }
}
