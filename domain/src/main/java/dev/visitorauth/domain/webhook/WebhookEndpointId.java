package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.Ids;

/** A webhook endpoint's id ({@code wh_...}). */
public record WebhookEndpointId(String value) {
    public WebhookEndpointId {
        Ids.requireWellFormed(value, "webhook endpoint id");
    }

    @Override
    public String toString() {
        return value;
    }
}
