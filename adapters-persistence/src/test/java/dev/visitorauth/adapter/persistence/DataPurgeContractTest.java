package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.RateLimitPort.Limit;
import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcDataPurge}: what the data-lifecycle job deletes, and what it leaves. The clock is the
 * test's; every test makes its own rows (fresh ids) and asserts on them.
 */
abstract class DataPurgeContractTest extends DatabaseContract {
    private static final int BATCH = 1000;
    private final WorkspaceId ws = TestData.workspaceId();
    private final WidgetId widget = TestData.widgetId();

    private Session session(VisitorId visitor, Instant expiresAt) {
        Session s = new Session(TestData.tokenHash(), ws, widget, visitor, Optional.empty(), expiresAt.minus(Duration.ofHours(12)),
                expiresAt, Optional.empty());
        db.sessions().saveSession(s);
        return s;
    }

    private Visitor anonymous(Instant lastSeen) {
        Visitor v = Visitor.anonymous(ws, widget, TestData.visitorId(), lastSeen);
        db.visitors().saveVisitor(v);
        return v;
    }

    private boolean exists(Visitor v) {
        return db.visitors().findVisitor(ws, v.id()).isPresent();
    }

    @Test
    void expiredSessionsAreDeletedAndLiveOnesKept() {
        Instant now = clock.instant();
        VisitorId visitor = TestData.visitorId();
        Session expired = session(visitor, now.minusSeconds(1));
        Session expiringNow = session(visitor, now);
        Session live = session(visitor, now.plusSeconds(1));

        db.purge().deleteExpiredSessions(now, BATCH);

        assertThat(db.sessions().findSession(ws, expired.tokenHash())).isEmpty();
        assertThat(db.sessions().findSession(ws, expiringNow.tokenHash())).isEmpty();
        assertThat(db.sessions().findSession(ws, live.tokenHash())).contains(live);
    }

    @Test
    void consumedTokenIdsAreForgottenOnlyWhenTheirTokenCanNoLongerBeAccepted() {
        Instant now = clock.instant();
        Instant longExpired = now.minus(JdbcTokenIdRegistry.EXPIRY_MARGIN).minusSeconds(1);
        Instant justExpired = now.minusSeconds(1);
        db.tokenIds().consume(ws, widget, "old", longExpired);
        db.tokenIds().consume(ws, widget, "recent", justExpired);

        db.purge().deleteExpiredTokenIds(now, BATCH);

        assertThat(rawCountOf("old")).isZero();
        assertThat(rawCountOf("recent")).isOne();
    }

    private long rawCountOf(String jti) {
        try {
            return rawCount("SELECT COUNT(*) FROM consumed_token_ids WHERE workspace_id = ? AND jti_hash = ?", ws.value(),
                    Jdbc.sha256Hex(jti));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void endedRateLimitWindowsAreDeletedAndRunningOnesKept() throws Exception {
        Instant now = clock.instant();
        String ended = TestData.id("ended");
        String running = TestData.id("running");
        String hourly = TestData.id("hourly");
        db.rateLimiter().acquire(Limit.NEW_VISITORS, ended, now.minusSeconds(61));
        db.rateLimiter().acquire(Limit.NEW_VISITORS, running, now.minusSeconds(30));
        db.rateLimiter().acquire(Limit.CONVERSATIONS, hourly, now.minusSeconds(61));
        db.failureRateLimiter().recordFailure(widget, "ended-client", now.minusSeconds(61));
        db.failureRateLimiter().recordFailure(widget, "running-client", now.minusSeconds(30));

        db.purge().deleteEndedRateLimitWindows(now, BATCH);

        assertThat(windows("rate_limits", "key_hash", Jdbc.sha256Hex(ended))).isZero();
        assertThat(windows("rate_limits", "key_hash", Jdbc.sha256Hex(running))).isOne();
        assertThat(windows("rate_limits", "key_hash", Jdbc.sha256Hex(hourly))).isOne();
        assertThat(windows("failure_rate_limits", "client_key_hash", Jdbc.sha256Hex("ended-client"))).isZero();
        assertThat(windows("failure_rate_limits", "client_key_hash", Jdbc.sha256Hex("running-client"))).isOne();
    }

    private long windows(String table, String column, String hash) throws Exception {
        return rawCount("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", hash);
    }

    @Test
    void idleAnonymousVisitorsWithoutConversationsAreDeletedWithTheirSessions() {
        Instant now = clock.instant();
        Instant idleSince = now.minus(Duration.ofDays(30));
        Visitor idle = anonymous(idleSince.minusSeconds(1));
        Session idleSession = session(idle.id(), idleSince.plus(Duration.ofHours(12)));
        Visitor recent = anonymous(idleSince.plusSeconds(1));
        Visitor talking = anonymous(idleSince.minusSeconds(1));
        db.conversations().saveConversation(Conversation.start(ws, TestData.conversationId(),
                new ConversationOwner.AnonymousVisitor(talking.id()), idleSince.minusSeconds(1)));
        Visitor linked = Visitor.linked(ws, widget, TestData.visitorId(), TestData.userId(), idleSince.minus(Duration.ofDays(300)));
        db.visitors().saveVisitor(linked);

        db.purge().deleteIdleAnonymousVisitors(idleSince, now, BATCH);

        assertThat(exists(idle)).isFalse();
        assertThat(db.sessions().findSession(ws, idleSession.tokenHash())).isEmpty();
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

        db.purge().deleteIdleAnonymousVisitors(idleSince, now, BATCH);

        assertThat(exists(visitor)).isTrue();
    }

    @Test
    void failuresOlderThanTheRetentionAreDeleted() {
        Instant now = clock.instant();
        WorkspaceId own = TestData.workspaceId();
        WidgetId w = TestData.widgetId();
        db.authFailures().recordAuthFailure(failure(own, w, now.minus(JdbcAuthFailureLog.DEFAULT_RETENTION).minusSeconds(1)));
        db.authFailures().recordAuthFailure(failure(own, w, now.minus(Duration.ofDays(1))));

        db.purge().trimAuthFailures(now, BATCH);

        try {
            assertThat(rawCount("SELECT COUNT(*) FROM auth_failures WHERE workspace_id = ?", own.value())).isOne();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
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

        assertThat(db.purge().deleteExpiredSessions(now, 3)).isEqualTo(3);
        assertThat(db.purge().deleteExpiredSessions(now, 3)).isEqualTo(2);
        assertThat(db.purge().deleteExpiredSessions(now, 3)).isZero();
    }

    private void drainSessions(Instant now) {
        while (db.purge().deleteExpiredSessions(now, BATCH) > 0) {
            // the class's other tests may have left expired sessions
        }
    }

    @Test
    void purgesOnTwoNodesAtOnceDeleteEveryRowOnceWithoutFailing() throws Exception {
        Instant now = clock.instant();
        drainSessions(now);
        JdbcPersistence otherNode = JdbcPersistence.builder(dataSource(), cipher).clock(clock).migrate(false).build();
        VisitorId visitor = TestData.visitorId();
        int rows = 600;
        for (int i = 0; i < rows; i++) {
            session(visitor, now.minusSeconds(10));
        }

        List<Integer> deleted = Concurrently.run(8, n -> {
            JdbcDataPurge purge = n % 2 == 0 ? db.purge() : otherNode.purge();
            int total = 0;
            for (int got = purge.deleteExpiredSessions(now, 50); got > 0; got = purge.deleteExpiredSessions(now, 50)) {
                total += got;
            }
            return total;
        });

        assertThat(deleted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows);
        assertThat(rawCount("SELECT COUNT(*) FROM sessions WHERE visitor_id = ?", visitor.value())).isZero();
    }
}
