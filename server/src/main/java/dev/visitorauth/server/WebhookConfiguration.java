package dev.visitorauth.server;

import dev.visitorauth.adapter.grpc.WebhookGrpcService;
import dev.visitorauth.adapter.outbound.GuardedWebhookSender;
import dev.visitorauth.adapter.outbound.OutboundAddressGuard;
import dev.visitorauth.adapter.outbound.OutboundHttpClient;
import dev.visitorauth.adapter.persistence.JdbcPersistence;
import dev.visitorauth.application.SecureRandomPort;
import dev.visitorauth.application.port.in.CreateWebhookUseCase;
import dev.visitorauth.application.port.in.DeleteWebhookUseCase;
import dev.visitorauth.application.port.in.DeliverWebhooksUseCase;
import dev.visitorauth.application.port.in.GetWebhookUseCase;
import dev.visitorauth.application.port.in.ListWebhookDeliveriesUseCase;
import dev.visitorauth.application.port.in.ListWebhooksUseCase;
import dev.visitorauth.application.port.in.RetryWebhookDeliveryUseCase;
import dev.visitorauth.application.port.in.RotateWebhookSecretUseCase;
import dev.visitorauth.application.port.in.UpdateWebhookUseCase;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.service.WebhookAdminService;
import dev.visitorauth.application.service.WebhookDeliveryLogService;
import dev.visitorauth.application.service.WebhookDeliveryService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Webhooks' wiring (spec section 11): the admin use cases, the delivery service over the JDBC store,
 * and the workers. Deliveries go through the one outbound address guard (shared with JWKS fetching)
 * on an HTTP client of their own, with the webhook timeouts.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /** The webhook sender's client; closed with the context. */
    @Bean
    GuardedWebhookSender webhookSender(OutboundAddressGuard guard, VisitorAuthProperties properties) {
        VisitorAuthProperties.Webhooks w = properties.webhooks();
        OutboundHttpClient client = new OutboundHttpClient(guard, new OutboundHttpClient.Limits(w.connectTimeout(),
                w.readTimeout(), w.readTimeout().plus(Duration.ofSeconds(5)), GuardedWebhookSender.MAX_ANSWER_BYTES));
        return new GuardedWebhookSender(client, Clock.systemUTC());
    }

    /**
     * The admin services, held so neither is itself a bean of each use-case type (injection by type
     * stays unambiguous): the endpoints, and their delivery logs.
     */
    record WebhookAdmin(WebhookAdminService endpoints, WebhookDeliveryLogService deliveries) {
    }

    @Bean
    WebhookAdmin webhookAdmin(JdbcPersistence persistence, GuardedWebhookSender sender, CursorCodecPort cursors, Clock clock) {
        return new WebhookAdmin(
                new WebhookAdminService(persistence.webhooks(), persistence.webhooks(), sender, persistence.transactions(),
                        new SecureRandomPort(), clock),
                new WebhookDeliveryLogService(persistence.webhooks(), persistence.webhooks(), cursors, persistence.transactions(),
                        clock));
    }

    @Bean
    WebhookWorkers webhookWorkers(JdbcPersistence persistence, GuardedWebhookSender sender, Clock clock,
                                  VisitorAuthProperties properties, MeterRegistry meters) {
        DeliverWebhooksUseCase deliver = new WebhookDeliveryService(persistence.webhooks(), persistence.webhooks(),
                persistence.events(), sender, persistence.transactions(), new SecureRandomPort(), clock);
        WebhookWorkers workers = new WebhookWorkers(deliver, properties.webhooks(), meters);
        persistence.events().subscribe(workers);
        return workers;
    }

    /** The gRPC {@code WebhookService}'s use cases. */
    @Bean
    WebhookGrpcService.UseCases webhookGrpcUseCases(CreateWebhookUseCase create, GetWebhookUseCase get, ListWebhooksUseCase list,
                                                    UpdateWebhookUseCase update, DeleteWebhookUseCase delete,
                                                    RotateWebhookSecretUseCase rotate, ListWebhookDeliveriesUseCase deliveries,
                                                    RetryWebhookDeliveryUseCase retry) {
        return new WebhookGrpcService.UseCases(create, get, list, update, delete, rotate, deliveries, retry);
    }

    @Bean CreateWebhookUseCase createWebhookUseCase(WebhookAdmin admin) { return admin.endpoints()::createWebhook; }
    @Bean GetWebhookUseCase getWebhookUseCase(WebhookAdmin admin) { return admin.endpoints()::getWebhook; }
    @Bean ListWebhooksUseCase listWebhooksUseCase(WebhookAdmin admin) { return admin.endpoints()::listWebhooks; }
    @Bean UpdateWebhookUseCase updateWebhookUseCase(WebhookAdmin admin) { return admin.endpoints()::updateWebhook; }
    @Bean DeleteWebhookUseCase deleteWebhookUseCase(WebhookAdmin admin) { return admin.endpoints()::deleteWebhook; }
    @Bean RotateWebhookSecretUseCase rotateWebhookSecretUseCase(WebhookAdmin admin) { return admin.endpoints()::rotateWebhookSecret; }
    @Bean ListWebhookDeliveriesUseCase listWebhookDeliveriesUseCase(WebhookAdmin admin) { return admin.deliveries()::listWebhookDeliveries; }
    @Bean RetryWebhookDeliveryUseCase retryWebhookDeliveryUseCase(WebhookAdmin admin) { return admin.deliveries()::retryWebhookDelivery; }
}
