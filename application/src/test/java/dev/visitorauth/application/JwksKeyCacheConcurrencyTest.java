package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.FetchJwksPort;
import dev.visitorauth.application.service.JwksKeyCache;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One fetch per URL at a time: verifications that arrive together for a new URL share its first fetch. */
class JwksKeyCacheConcurrencyTest {
    private static final int THREADS = 8;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void verificationsArrivingTogetherForANewUrlShareOneFetch() throws Exception {
        CountDownLatch arrived = new CountDownLatch(THREADS);
        AtomicInteger fetches = new AtomicInteger();
        FetchJwksPort port = url -> {
            fetches.incrementAndGet();
            try {
                // Hold the fetch until every verification has arrived, so they overlap with it.
                assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FetchJwksPort.JwksFetch.Fetched(List.of(new JwkFacts("EC", Optional.of("P-256"), Optional.empty(),
                    Optional.of("k1"), Optional.empty(), 256, Set.of(), "{\"kty\":\"EC\"}")), Optional.empty());
        };
        JwksKeyCache cache = new JwksKeyCache(port, 10);
        JwksUrl url = new JwksUrl("https://keys.example/jwks.json");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<WidgetPublicKey>>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(() -> {
                    arrived.countDown();
                    return cache.keys(url, NOW).keys();
                }));
            }
            for (Future<List<WidgetPublicKey>> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).extracting(k -> k.keyId().value()).containsExactly("k1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches.get()).isEqualTo(1);
    }
}
