package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.Ids;

/** A webhook delivery's id ({@code whd_...}): one event sent to one endpoint, with all its attempts. */
public record WebhookDeliveryId(String value) {
    public WebhookDeliveryId {
        Ids.requireWellFormed(value, "webhook delivery id");
    }

    @Override
    public String toString() {
        return value;
    }
}
