package dev.visitorauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.persistence.JdbcPersistence;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The widget cache's settings bind, and fall back to the adapter's defaults. */
class VisitorAuthPropertiesTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(VisitorAuthProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void bindsTheWidgetCacheSettings() {
        runner.withPropertyValues("visitorauth.widget-cache.size=250", "visitorauth.widget-cache.time-to-live=5s")
                .run(context -> {
                    VisitorAuthProperties.WidgetCache cache = context.getBean(VisitorAuthProperties.class).widgetCache();
                    assertThat(cache.size()).isEqualTo(250);
                    assertThat(cache.timeToLive()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void defaultsToTheAdaptersBoundsWhenUnsetOrNotPositive() {
        runner.withPropertyValues("visitorauth.widget-cache.size=0", "visitorauth.widget-cache.time-to-live=-1s")
                .run(context -> {
                    VisitorAuthProperties.WidgetCache cache = context.getBean(VisitorAuthProperties.class).widgetCache();
                    assertThat(cache.size()).isEqualTo(JdbcPersistence.DEFAULT_WIDGET_CACHE_SIZE);
                    assertThat(cache.timeToLive()).isEqualTo(JdbcPersistence.DEFAULT_WIDGET_CACHE_TTL);
                });
    }
}
