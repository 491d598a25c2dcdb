package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.widget.Widget;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The new-visitor budget of start-up (spec section 8): each start-up that creates a visitor counts
 * against the widget's budget for its client. Charged before the linking transaction when the
 * start-up names no visitor, inside it when a named one turns out to need a new visitor.
 */
public final class NewVisitorBudget {
    private final RateLimitPort requestLimits;

    public NewVisitorBudget(RateLimitPort requestLimits) {
        this.requestLimits = Objects.requireNonNull(requestLimits, "requestLimits");
    }

    /**
     * Counts a new visitor against the widget's budget for this client.
     *
     * @return {@code rate_limited} when the client is over it (then nothing is counted)
     */
    Optional<Refusal> acquire(Widget widget, String clientKey, Instant now) {
        return requestLimits.acquire(RateLimitPort.Limit.NEW_VISITORS, widget.id().value() + "\n" + clientKey, now)
                .map(wait -> Refusal.rateLimited(Refusals.atLeastOneSecond(wait),
                        "Too many new visitors from this address for this widget; retry after Retry-After seconds,"
                                + " or send the visitorId the widget stored to resume."));
    }
}
