package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.RateLimitPort.Limit;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The data-lifecycle job's deletes ({@code PurgeExpiredDataPort}): what they delete, and what they
 * leave. The clock is the test's; every test makes its own data (fresh ids) and asserts on it, or
 * first drains what the class's other tests left.
 */
public abstract class DataPurgeContractTest extends StoreContract {
    private static final int BATCH = 1000;
    /** How long a store keeps failures by default. */
    private static final Duration FAILURE_RETENTION = Duration.ofDays(30);
    private final WorkspaceId ws = TestData.workspaceId();
    private final WidgetId widget = TestData.widgetId();

    protected Session session(VisitorId visitor, Instant expiresAt) {
        Session s = new Session(TestData.tokenHash(), ws, widget, visitor, Optional.empty(), expiresAt.minus(Duration.ofHours(12)),
                expiresAt, Optional.empty());
        store.saveSessions().saveSession(s);
        return s;
    }

    private Visitor anonymous(Instant lastSeen) {
        Visitor v = Visitor.anonymous(ws, widget, TestData.visitorId(), lastSeen);
        store.saveVisitors().saveVisitor(v);
        return v;
    }

    private boolean exists(Visitor v) {
        return store.loadVisitors().findVisitor(ws, v.id()).isPresent();
    }

    @Test
    void expiredSessionsAreDeletedAndLiveOnesKept() {
        Instant now = clock.instant();
        VisitorId visitor = TestData.visitorId();
        Session expired = session(visitor, now.minusSeconds(1));
        Session expiringNow = session(visitor, now);
        Session live = session(visitor, now.plusSeconds(1));

        store.purge().deleteExpiredSessions(now, BATCH);

        assertThat(store.loadSessions().findSession(ws, expired.tokenHash())).isEmpty();
        assertThat(store.loadSessions().findSession(ws, expiringNow.tokenHash())).isEmpty();
        assertThat(store.loadSessions().findSession(ws, live.tokenHash())).contains(live);
    }

    @Test
    void consumedTokenIdsAreForgottenOnlyWhenTheirTokenCanNoLongerBeAccepted() {
        Instant now = clock.instant();
        while (store.purge().deleteExpiredTokenIds(now, BATCH) > 0) {
            // the class's other tests may have left used ids
        }
        Instant longExpired = now.minus(AuthenticationPolicy.MAX_CLOCK_SKEW).minusSeconds(1);
        Instant justExpired = now.minusSeconds(1);
        store.tokenIds().consume(ws, widget, "old", longExpired);
        store.tokenIds().consume(ws, widget, "recent", justExpired);

        assertThat(store.purge().deleteExpiredTokenIds(now, BATCH)).isOne();
        assertThat(store.tokenIds().isConsumed(ws, widget, "recent", now)).isTrue();
        assertThat(store.tokenIds().consume(ws, widget, "recent", justExpired)).isFalse();
    }

    @Test
    void endedRequestLimitWindowsAreDeletedAndRunningOnesKept() {
        Instant now = clock.instant();
        while (store.purge().deleteEndedRateLimitWindows(now, BATCH) > 0) {
            // the class's other tests may have left windows
        }
        store.requestLimits().acquire(Limit.NEW_VISITORS, TestData.id("ended"), now.minusSeconds(61));
        store.requestLimits().acquire(Limit.NEW_VISITORS, TestData.id("running"), now.minusSeconds(30));
        store.requestLimits().acquire(Limit.CONVERSATIONS, TestData.id("hourly"), now.minusSeconds(61));

        assertThat(store.purge().deleteEndedRateLimitWindows(now, BATCH)).isOne();
    }

    @Test
    void idleAnonymousVisitorsWithoutConversationsAreDeletedWithTheirSessions() {
        Instant now = clock.instant();
        Instant idleSince = now.minus(Duration.ofDays(30));
        Visitor idle = anonymous(idleSince.minusSeconds(1));
        Session idleSession = session(idle.id(), idleSince.plus(Duration.ofHours(12)));
        Visitor recent = anonymous(idleSince.plusSeconds(1));
        Visitor talking = anonymous(idleSince.minusSeconds(1));
        store.saveConversations().saveConversation(Conversation.start(ws, TestData.conversationId(),
                new ConversationOwner.AnonymousVisitor(talking.id()), idleSince.minusSeconds(1)));
        Visitor linked = Visitor.linked(ws, widget, TestData.visitorId(), TestData.userId(), idleSince.minus(Duration.ofDays(300)));
        store.saveVisitors().saveVisitor(linked);

        store.purge().deleteIdleAnonymousVisitors(idleSince, now, BATCH);

        assertThat(exists(idle)).isFalse();
        assertThat(store.loadSessions().findSession(ws, idleSession.tokenHash())).isEmpty();
        assertThat(exists(recent)).isTrue();
        assertThat(exists(talking)).isTrue();
        assertThat(exists(linked)).isTrue();
    }

    @Test
    void anIdleVisitorWithALiveSessionIsKept() {
        Instant now = clock.instant();
        Instant idleSince = now.minus(Duration.ofDays(30));
        Visitor visitor = anonymous(idleSince.minusSeconds(1));
        session(visitor.id(), now.plusSeconds(60));

        store.purge().deleteIdleAnonymousVisitors(idleSince, now, BATCH);

        assertThat(exists(visitor)).isTrue();
    }

    @Test
    void failuresOlderThanTheRetentionAreDeleted() {
        Instant now = clock.instant();
        WorkspaceId own = TestData.workspaceId();
        WidgetId w = TestData.widgetId();
        while (store.purge().trimAuthFailures(now, BATCH) > 0) {
            // the class's other tests may have left old failures
        }
        store.recordFailures().recordAuthFailure(failure(own, w, now.minus(FAILURE_RETENTION).minusSeconds(1)));
        store.recordFailures().recordAuthFailure(failure(own, w, now.minus(Duration.ofDays(1))));

        assertThat(store.purge().trimAuthFailures(now, BATCH)).isOne();
        assertThat(store.loadFailures().recentAuthFailures(own, w, 10).failures()).hasSize(1);
    }

    private static AuthFailure failure(WorkspaceId ws, WidgetId widget, Instant at) {
        return new AuthFailure(ws, widget, at, ErrorCode.TOKEN_EXPIRED, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void aBatchDeletesAtMostItsSize() {
        Instant now = clock.instant();
        drainSessions(now);
        VisitorId visitor = TestData.visitorId();
        for (int i = 0; i < 5; i++) {
            session(visitor, now.minusSeconds(10));
        }

        assertThat(store.purge().deleteExpiredSessions(now, 3)).isEqualTo(3);
        assertThat(store.purge().deleteExpiredSessions(now, 3)).isEqualTo(2);
        assertThat(store.purge().deleteExpiredSessions(now, 3)).isZero();
    }

    protected void drainSessions(Instant now) {
        while (store.purge().deleteExpiredSessions(now, BATCH) > 0) {
            // the class's other tests may have left expired sessions
        }
    }

}
