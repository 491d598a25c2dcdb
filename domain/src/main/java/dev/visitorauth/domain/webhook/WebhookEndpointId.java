package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.Ids;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/** A webhook endpoint's id ({@code wh_...}). */
public record WebhookEndpointId(String value) {
    public WebhookEndpointId {
        Ids.requireWellFormed(value, "webhook endpoint id");
    }

    /**
     * The id in {@code value}; a malformed one names nothing, so it gets {@link #unknown()}, the
     * refusal for an id that names nothing here.
     */
    public static Result<WebhookEndpointId> parse(String value) {
        return Ids.isWellFormed(value) ? Result.ok(new WebhookEndpointId(value)) : Result.refused(unknown());
    }

    /** The refusal for an id that names no webhook endpoint (here, or in the caller's workspace). */
    public static Refusal unknown() {
        return Refusal.of(ErrorCode.NOT_FOUND, "No webhook endpoint with this id in this workspace.");
    }

    @Override
    public String toString() {
        return value;
    }
}
