package dev.visitorauth.server;

import dev.visitorauth.adapter.rest.RestAdapterConfiguration;
import dev.visitorauth.adapter.rest.SystemApiKey;
import dev.visitorauth.adapter.rest.http.ConnectionSettings;
import dev.visitorauth.adapter.rest.http.HttpLimits;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The REST adapter, and the system API key it checks workspace creation against. */
@Configuration(proxyBeanMethods = false)
@Import(RestAdapterConfiguration.class)
public class WebConfiguration {

    /** The configured key, or one generated once in the data directory (and printed at start-up). */
    @Bean
    DataDirectory.GeneratedKey systemApiKeySource(VisitorAuthProperties properties, Path dataDirectory) {
        return properties.systemApiKey().isEmpty()
                ? DataDirectory.loadOrCreateSystemApiKey(dataDirectory)
                : new DataDirectory.GeneratedKey(properties.systemApiKey(), false);
    }

    /** The REST adapter's body limit (fixed, 64 KiB) and body read deadline (configured). */
    @Bean
    HttpLimits httpLimits(VisitorAuthProperties properties) {
        return HttpLimits.defaults().withBodyTimeout(properties.httpRequestTimeout());
    }

    /** The HTTP connections: per-read timeout, accept backlog. */
    @Bean
    ConnectionSettings connectionSettings(VisitorAuthProperties properties) {
        return properties.http().connectionSettings();
    }

    /**
     * {@code /widget.js} gets an {@code ETag} from its bytes, so a page's conditional GET is a 304;
     * its cache lifetime is {@code spring.web.resources.cache.cachecontrol.*} (application.properties).
     */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> widgetScriptEtag() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> bean = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        bean.addUrlPatterns("/widget.js");
        return bean;
    }

    @Bean
    SystemApiKey systemApiKey(DataDirectory.GeneratedKey source) {
        return SystemApiKey.of(source.key());
    }
}
