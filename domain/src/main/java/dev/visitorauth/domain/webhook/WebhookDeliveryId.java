package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** A webhook delivery's id ({@code whd_...}): one event sent to one endpoint, with all its attempts. */
public record WebhookDeliveryId(String value) {
    public WebhookDeliveryId {
        Ids.requireWellFormed(value, "webhook delivery id");
    }

    /**
     * The id in {@code value}; a malformed one names nothing, so it gets {@link #unknown()}, the
     * refusal for an id that names nothing here.
     */
    public static Result<WebhookDeliveryId> parse(String value) {
        return Ids.isWellFormed(value) ? Result.ok(new WebhookDeliveryId(value)) : Result.refused(unknown());
    }

    /** The refusal for an id that names no webhook delivery (here, or in the caller's workspace). */
    public static Refusal unknown() {
        return Refusal.of(ErrorCode.NOT_FOUND, "No delivery with this id for this webhook endpoint.");
    }

    @Override
    public String toString() {
        return value;
    }
}
