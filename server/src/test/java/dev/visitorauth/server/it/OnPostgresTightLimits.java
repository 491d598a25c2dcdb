package dev.visitorauth.server.it;

import dev.visitorauth.server.VisitorAuthServer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole server on a random port over a fresh database of the shared embedded PostgreSQL, with tight limits
 * that tests can reach: three failed verifications per widget and client address a minute, the request
 * limits of {@link RequestLimitContract}, and
 * sessions that live {@value SessionLifetimeContract#LIFETIME_SECONDS} seconds. Every class so
 * annotated shares one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = {VisitorAuthServer.class, SharedServerClock.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"visitorauth.failure-limit=3", "visitorauth.new-visitor-limit=" + RequestLimitContract.NEW_VISITORS,
                "visitorauth.conversation-limit=" + RequestLimitContract.CONVERSATIONS,
                "visitorauth.message-limit=" + RequestLimitContract.MESSAGES,
                "visitorauth.session-lifetime=" + SessionLifetimeContract.LIFETIME_SECONDS + "s"})
@ContextConfiguration(initializers = TestServers.Postgres.class)
@interface OnPostgresTightLimits {
}
