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
 * The whole server on a random port over a fresh database of the shared embedded PostgreSQL. The failed-verification budget is 1000 a
 * minute and the request limits are 100,000, so the concurrency tests (every request comes from 127.0.0.1)
 * are not rate-limited.
 * Every class so annotated shares one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = {VisitorAuthServer.class, SharedServerClock.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"visitorauth.failure-limit=1000", "visitorauth.new-visitor-limit=100000",
                "visitorauth.conversation-limit=100000", "visitorauth.message-limit=100000"})
@ContextConfiguration(initializers = TestServers.Postgres.class)
@interface OnPostgres {
}
