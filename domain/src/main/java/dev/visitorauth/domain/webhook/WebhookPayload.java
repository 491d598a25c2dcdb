package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.event.EventData;
import dev.visitorauth.domain.event.WorkspaceEvent;

/**
 * What a delivery of an event sends (spec section 14): Standard Webhooks' body
 * {@code {"type", "timestamp", "data"}}, made once when the delivery is queued and kept with it, so
 * every attempt sends (and signs) the same bytes, also after the event log dropped the event.
 */
public final class WebhookPayload {
    private WebhookPayload() {
    }

    /** The body for {@code event}. */
    public static String body(WorkspaceEvent event) {
        return EventData.builder().string("type", event.type().wireName()).time("timestamp", event.at())
                .raw("data", event.data()).build().json();
    }
}
