package dev.visitorauth.server;

import dev.visitorauth.adapter.rest.RestAdapterConfiguration;
import dev.visitorauth.adapter.rest.SystemApiKey;
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

    @Bean
    SystemApiKey systemApiKey(DataDirectory.GeneratedKey source) {
        return SystemApiKey.of(source.key());
    }
}
