package dev.visitorauth.server.it;

import dev.visitorauth.testing.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The shared test servers' clock: one ticking {@link MutableClock} per context as its {@code @Primary}
 * {@link java.time.Clock}, so a contract can let time pass (a session expire, a grace period end)
 * without sleeping. A {@code @TestConfiguration}, so the server's component scan never picks it up
 * for the contexts that bring a clock of their own.
 */
@TestConfiguration(proxyBeanMethods = false)
class SharedServerClock {
    @Bean
    @Primary
    MutableClock movableServerClock() {
        return MutableClock.ticking();
    }
}
