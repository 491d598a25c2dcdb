package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.webhook.WebhookDelivery;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of an endpoint's delivery log, newest first, and the cursor of the next page. */
public record WebhookDeliveryPage(List<WebhookDelivery> deliveries, Optional<String> nextCursor) {
    public WebhookDeliveryPage {
        deliveries = List.copyOf(deliveries);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
