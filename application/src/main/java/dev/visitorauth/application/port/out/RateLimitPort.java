package dev.visitorauth.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts requests against the request limits of spec section 8, per limit and key, in fixed
 * windows. Stores shared by every node keep the counts, so a limit holds across a cluster. Which
 * limit applies to which request (and with which key) is the services' business; how many
 * requests a window allows is the adapter's configuration ({@link RequestLimits}).
 */
public interface RateLimitPort {

    /** The request limits a service may apply. */
    enum Limit {
        /** Session starts that create a visitor, per widget and client address. */
        NEW_VISITORS("new_visitors"),
        /** Conversations started, per visitor (authenticated: per user). */
        CONVERSATIONS("conversations"),
        /** Messages posted by a visitor, per session. */
        MESSAGES("messages");

        private final String wire;

        Limit(String wire) {
            this.wire = wire;
        }

        /** The name in settings, metrics and logs. */
        public String wire() {
            return wire;
        }
    }

    /** At most {@code max} requests per {@code window}. */
    record Budget(int max, Duration window) {
        public Budget {
            Objects.requireNonNull(window, "window");
            if (max < 1 || window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("a budget allows at least 1 request in a window of at least 1 s");
            }
        }
    }

    /**
     * The budget of each limit.
     *
     * @param newVisitors   spec default: 60 a minute
     * @param conversations spec default: 10 an hour
     * @param messages      spec default: 60 a minute
     */
    record RequestLimits(Budget newVisitors, Budget conversations, Budget messages) {
        /** The spec's defaults. */
        public static final RequestLimits DEFAULTS = new RequestLimits(new Budget(60, Duration.ofMinutes(1)),
                new Budget(10, Duration.ofHours(1)), new Budget(60, Duration.ofMinutes(1)));

        public RequestLimits {
            Objects.requireNonNull(newVisitors, "newVisitors");
            Objects.requireNonNull(conversations, "conversations");
            Objects.requireNonNull(messages, "messages");
        }

        public Budget budget(Limit limit) {
            return switch (limit) {
                case NEW_VISITORS -> newVisitors;
                case CONVERSATIONS -> conversations;
                case MESSAGES -> messages;
            };
        }
    }

    /**
     * Counts one request of {@code key} under {@code limit} if the key is within its budget. Called
     * inside a transaction, the count is part of it: a rollback undoes it. A refused request is not
     * counted (the window, not the number of refusals, decides when the key may try again).
     *
     * @param key an opaque key the service chose (stores keep only a hash of it)
     * @return empty when counted and allowed; otherwise how long until the key's window ends
     */
    Optional<Duration> acquire(Limit limit, String key, Instant now);
}
