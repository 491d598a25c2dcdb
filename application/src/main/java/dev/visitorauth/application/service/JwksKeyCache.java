package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.FetchJwksPort;
import dev.visitorauth.application.port.out.FetchJwksPort.JwksFetch;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksState;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keys of JWKS URLs, held in this process per URL by the caching rules of spec section 12
 * ({@link JwksState}): a set is used for as long as its {@code Cache-Control} allows (5 minutes to
 * 24 hours), fetched again when stale, refreshed on an unknown {@code kid} at most every 30 s, and
 * a failed fetch keeps the last good set. Each fetched JWK goes through
 * {@link WidgetPublicKey#accept}: keys without a {@code kid}, and keys the rules refuse, are
 * skipped. At most {@code maxUrls} URLs are held (least recently used go first).
 *
 * <p>Thread-safe: one fetch per URL at a time. While one runs, other verifications use what is
 * known (the last good set, even stale, or none after failures) rather than wait; only the
 * verifications of a URL never fetched before wait for its first fetch.
 */
public final class JwksKeyCache {
    /** How many URLs a process holds by default. */
    public static final int DEFAULT_MAX_URLS = 1000;
    /** Stands in for an assigned key id: fetched keys without a {@code kid} are skipped before it matters. */
    private static final KeyId UNUSED = new KeyId("jwks");

    /**
     * What a look-up gave.
     *
     * @param keys    the keys to verify with (the last good set; empty before the first good fetch)
     * @param failure why the fetch this look-up made failed; empty when it made none or it succeeded
     */
    public record Lookup(List<WidgetPublicKey> keys, Optional<String> failure) {
        public Lookup {
            keys = List.copyOf(keys);
            Objects.requireNonNull(failure, "failure");
        }
    }

    private static final class Entry {
        final ReentrantLock fetching = new ReentrantLock();
        volatile JwksState state = JwksState.unknown();
    }

    private final FetchJwksPort port;
    private final Map<JwksUrl, Entry> entries;

    public JwksKeyCache(FetchJwksPort port, int maxUrls) {
        this.port = Objects.requireNonNull(port, "port");
        if (maxUrls < 1) {
            throw new IllegalArgumentException("maxUrls must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<JwksUrl, Entry> eldest) {
                return size() > maxUrls;
            }
        };
    }

    /** The keys of {@code url} for a verification at {@code now}, fetched first when they are stale. */
    public Lookup keys(JwksUrl url, Instant now) {
        Entry entry = entry(url);
        JwksState state = entry.state;
        if (!state.needsFetch(now)) {
            return new Lookup(state.keys(), Optional.empty());
        }
        if (state.lastFetch().isPresent()) {
            if (!entry.fetching.tryLock()) {
                return new Lookup(state.keys(), Optional.empty()); // another verification is fetching it
            }
        } else {
            entry.fetching.lock();
        }
        try {
            state = entry.state;
            return state.needsFetch(now) ? fetch(entry, url, now) : new Lookup(state.keys(), Optional.empty());
        } finally {
            entry.fetching.unlock();
        }
    }

    /**
     * Fetches {@code url} again because a token named a {@code kid} its set lacks; empty when the
     * last fetch of any kind was less than 30 s ago (then nothing is fetched). When another
     * verification fetched while this one waited, its set is returned without a second fetch.
     */
    public Optional<Lookup> refreshForUnknownKey(JwksUrl url, Instant now) {
        Entry entry = entry(url);
        JwksState seen = entry.state;
        if (!seen.mayRefreshForUnknownKey(now)) {
            return Optional.empty();
        }
        entry.fetching.lock();
        try {
            JwksState current = entry.state;
            if (current != seen) {
                return Optional.of(new Lookup(current.keys(), Optional.empty())); // fetched meanwhile by another verification
            }
            return Optional.of(fetch(entry, url, now));
        } finally {
            entry.fetching.unlock();
        }
    }

    /** Fetches under the entry's lock and records the outcome in its state. */
    private Lookup fetch(Entry entry, JwksUrl url, Instant now) {
        JwksFetch fetch = port.fetchJwks(url);
        if (fetch instanceof JwksFetch.Fetched fetched) {
            List<WidgetPublicKey> keys = usable(fetched.keys(), now);
            entry.state = entry.state.fetched(keys, fetched.maxAge(), now);
            return new Lookup(keys, Optional.empty());
        }
        entry.state = entry.state.failed(now);
        return new Lookup(entry.state.keys(), Optional.of(((JwksFetch.Failed) fetch).reason()));
    }

    /** The JWKs a widget may use: with a {@code kid}, and accepted by the public-key rules. */
    private static List<WidgetPublicKey> usable(List<JwkFacts> jwks, Instant now) {
        List<WidgetPublicKey> keys = new ArrayList<>();
        for (JwkFacts jwk : jwks) {
            if (jwk.kid().isEmpty()) {
                continue;
            }
            if (WidgetPublicKey.accept(jwk, UNUSED, now, WidgetPublicKey.Origin.JWKS) instanceof Result.Ok<WidgetPublicKey> ok) {
                keys.add(ok.value());
            }
        }
        return keys;
    }

    private Entry entry(JwksUrl url) {
        synchronized (entries) {
            return entries.computeIfAbsent(url, u -> new Entry());
        }
    }
}
