package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.webhook.WebhookEndpoint;
import dev.visitorauth.domain.webhook.WebhookSecret;
import java.util.Objects;

/** A webhook endpoint just created, with its secret: the only time the secret is shown with it. */
public record WebhookDetails(WebhookEndpoint endpoint, WebhookSecret secret) {
    public WebhookDetails {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secret, "secret");
    }
}
