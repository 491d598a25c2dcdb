package dev.visitorauth.server;

import dev.visitorauth.adapter.persistence.JdbcPersistence;
import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.service.EventStreamService;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The event streams' wiring (spec section 10): the dispatcher is the {@code WatchEventsUseCase} of the
 * SSE controller and of gRPC {@code WatchWorkspace}.
 */
@Configuration(proxyBeanMethods = false)
public class EventStreamConfiguration {

    @Bean
    EventStreams eventStreams(VisitorAuthentication core, JdbcPersistence persistence, VisitorAuthProperties properties,
                              Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        Optional<EventStreams.DatabaseLogin> login = url.startsWith("jdbc:postgresql:")
                ? Optional.of(new EventStreams.DatabaseLogin(url, environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password")))
                : Optional.empty();
        return new EventStreams(core, persistence, properties.stream(), login);
    }

    @Bean
    EventStreamService eventStreamService(EventStreams streams) {
        return streams.service();
    }
}
