package dev.visitorauth.domain.widget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of one JWKS URL, and the caching rules of spec section 12 as pure functions of it:
 * a fetched set is used for as long as its {@code Cache-Control} says, clamped to
 * [{@link #MIN_LIFETIME}, {@link #MAX_LIFETIME}]; an unknown {@code kid} may trigger a refresh at
 * most once per {@link #REFRESH_INTERVAL}, counted from the last fetch of any kind (a failed one
 * too); a failed fetch keeps the last good set.
 *
 * @param keys       the last good set's usable keys (empty before the first good fetch)
 * @param freshUntil when the last good set goes stale; empty before the first good fetch
 * @param lastFetch  when the last fetch, good or failed, was made; empty before the first
 */
public record JwksState(List<WidgetPublicKey> keys, Optional<Instant> freshUntil, Optional<Instant> lastFetch) {
    /** The shortest time a fetched set is used, whatever its {@code Cache-Control} says. */
    public static final Duration MIN_LIFETIME = Duration.ofMinutes(5);
    /** The longest time a fetched set is used, whatever its {@code Cache-Control} says. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);
    /** The least time between two fetches of one URL, unless the set is stale and never failed. */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** The least time between two {@code jwks_unavailable} entries in one widget's failure log. */
    public static final Duration UNAVAILABLE_LOG_INTERVAL = Duration.ofMinutes(1);

    public JwksState {
        keys = List.copyOf(keys);
        Objects.requireNonNull(freshUntil, "freshUntil");
        Objects.requireNonNull(lastFetch, "lastFetch");
        for (WidgetPublicKey key : keys) {
            if (key.origin() != WidgetPublicKey.Origin.JWKS) {
                throw new IllegalArgumentException("a JWKS holds fetched keys only");
            }
        }
    }

    /** Nothing fetched yet. */
    public static JwksState unknown() {
        return new JwksState(List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * How long a fetched set is used: its {@code max-age}, clamped to 5 minutes to 24 hours; no
     * {@code max-age} (or {@code no-cache}, {@code no-store}, read as zero) is 5 minutes.
     */
    public static Duration lifetime(Optional<Duration> maxAge) {
        Duration asked = maxAge.orElse(Duration.ZERO);
        if (asked.compareTo(MIN_LIFETIME) < 0) {
            return MIN_LIFETIME;
        }
        return asked.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : asked;
    }

    /** True once a good set was fetched (it may be stale). */
    public boolean hasGoodSet() {
        return freshUntil.isPresent();
    }

    /** True when the set must be fetched before use: never fetched, or past its lifetime. */
    public boolean isStale(Instant now) {
        return freshUntil.isEmpty() || !now.isBefore(freshUntil.get());
    }

    /** True when {@link #REFRESH_INTERVAL} has passed since the last fetch of any kind (or there was none). */
    public boolean mayFetch(Instant now) {
        return lastFetch.isEmpty() || !now.isBefore(lastFetch.get().plus(REFRESH_INTERVAL));
    }

    /**
     * True when a verification should fetch first: the set is stale, and no fetch was made in the
     * last {@link #REFRESH_INTERVAL} (so a failing URL is tried at most twice a minute).
     */
    public boolean needsFetch(Instant now) {
        return isStale(now) && mayFetch(now);
    }

    /** True when a token's unknown {@code kid} may refresh the set now. */
    public boolean mayRefreshForUnknownKey(Instant now) {
        return mayFetch(now);
    }

    /** The state after a good fetch at {@code now} that read {@code fetched}, used for {@link #lifetime}. */
    public JwksState fetched(List<WidgetPublicKey> fetched, Optional<Duration> maxAge, Instant now) {
        return new JwksState(fetched, Optional.of(now.plus(lifetime(maxAge))), Optional.of(now));
    }

    /** The state after a failed fetch at {@code now}: the last good set stays, stale or not. */
    public JwksState failed(Instant now) {
        return new JwksState(keys, freshUntil, Optional.of(now));
    }

    /**
     * Whether a failed fetch at {@code now} goes into a widget's failure log as
     * {@code jwks_unavailable}: at most once per {@link #UNAVAILABLE_LOG_INTERVAL} per widget.
     *
     * @param lastLogged when this widget's last {@code jwks_unavailable} entry was written, if any
     */
    public static boolean mayLogUnavailable(Optional<Instant> lastLogged, Instant now) {
        return lastLogged.isEmpty() || !now.isBefore(lastLogged.get().plus(UNAVAILABLE_LOG_INTERVAL));
    }
}
