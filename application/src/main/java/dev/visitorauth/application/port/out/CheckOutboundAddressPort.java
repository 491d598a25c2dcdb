package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.webhook.WebhookUrl;

/**
 * The outbound address guard's rules, for checking a URL when it is set (it is checked again before
 * every connection): loopback, private and link-local addresses are refused, after DNS resolution,
 * unless private outbound addresses are allowed (link-local never).
 */
public interface CheckOutboundAddressPort {

    /** True when {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE} is on (which also allows plain http). */
    boolean allowsPrivate();

    /**
     * False when the guard refuses {@code url}'s host (a literal address or a name resolving to one
     * it refuses). A name that does not resolve now is allowed: it is judged at each attempt.
     */
    boolean allows(WebhookUrl url);
}
