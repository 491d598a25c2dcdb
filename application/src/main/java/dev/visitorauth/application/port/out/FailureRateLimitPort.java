package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.WidgetId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits failed verifications per widget and client address. Successful start-ups are never
 * limited. Stores shared by every node keep the counts, so the limit holds across a cluster.
 */
public interface FailureRateLimitPort {

    /**
     * Counts one failed verification.
     *
     * @return empty while the client is within its budget; otherwise how long until it may fail again
     */
    Optional<Duration> recordFailure(WidgetId widgetId, String clientKey, Instant now);

    /** How long the client must wait before it may fail again, or empty when it is within its budget. */
    Optional<Duration> blockedFor(WidgetId widgetId, String clientKey, Instant now);
}
