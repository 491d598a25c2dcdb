package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Spec section 8's data lifecycle, end to end: the whole server on H2 with its clock under the
 * test's control and its job running every 200 ms. After the clock moves 31 days the job deletes
 * what expired (sessions, the used jti) and the idle anonymous visitor with nothing else, and keeps
 * the anonymous visitor that has a conversation, the linked visitor, and a visitor and session
 * created after the move. The API sees the same: the kept visitors resume, the deleted one starts
 * afresh.
 */
class H2DataLifecycleTest {
    private static final MutableClock CLOCK = MutableClock.stoppedAt(Instant.now());

    /** The server's clock, moved by the test. */
    @Configuration(proxyBeanMethods = false)
    static class ServerClock {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @Test
    void theJobDeletesWhatExpiredAndIdleAnonymousVisitorsAndNothingElse() throws Exception {
        Path dir = TestServers.tempDirectory("visitorauth-it-lifecycle-");
        Map<String, Object> properties = new java.util.LinkedHashMap<>(TestServers.properties(TestServers.h2Url(dir), "sa", dir));
        properties.put("visitorauth.purge-interval", "200ms");
        try (TestServers.Node node = TestServers.Node.start(properties, ServerClock.class)) {
            ApiClient api = node.api();
            Widget widget = api.newWidget();
            Session idle = api.startOk(widget, null, null);
            Session talking = api.startOk(widget, null, null);
            api.startConversationOk(talking.token(), "Hello");
            Session linked = api.startOk(widget, null, valid(widget, newUserId()));
            api.startOk(widget, null, sign(widget.secret(), claims(newUserId()).jti()));
            assertThat(count(node, "SELECT COUNT(*) FROM consumed_token_ids")).isEqualTo(1);

            CLOCK.advance(Duration.ofDays(31));
            Session fresh = api.startOk(widget, null, null);

            DataSource db = node.bean(DataSource.class);
            awaitCount(db, "SELECT COUNT(*) FROM visitors WHERE visitor_id = '" + idle.visitorId() + "'", 0);
            awaitCount(db, "SELECT COUNT(*) FROM consumed_token_ids", 0);
            awaitCount(db, "SELECT COUNT(*) FROM sessions", 1);
            assertThat(count(node, "SELECT COUNT(*) FROM sessions WHERE visitor_id = '" + fresh.visitorId() + "'")).isEqualTo(1);
            assertThat(count(node, "SELECT COUNT(*) FROM visitors")).as("talking, linked, the jti user's, fresh").isEqualTo(4);

            assertThat(api.currentSession(fresh.token()).status()).isEqualTo(200);
            assertThat(api.startOk(widget, talking.visitorId(), null).visitorId()).isEqualTo(talking.visitorId());
            assertThat(api.startOk(widget, idle.visitorId(), null).visitorId()).isNotEqualTo(idle.visitorId());
            assertThat(count(node, "SELECT COUNT(*) FROM visitors WHERE visitor_id = '" + linked.visitorId() + "'")).isEqualTo(1);
        }
    }

    private static long count(TestServers.Node node, String sql) throws SQLException {
        return count(node.bean(DataSource.class), sql);
    }

    private static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits (at most 30 s of real time: the job runs every 200 ms) until {@code sql} counts {@code expected}. */
    private static void awaitCount(DataSource db, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long seen = count(db, sql);
        while (seen != expected && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            seen = count(db, sql);
        }
        assertThat(seen).as(sql).isEqualTo(expected);
    }
}
