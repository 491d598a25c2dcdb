package dev.visitorauth.server.it;

import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.MutableClock;
import dev.visitorauth.testing.VisitorTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Issue 9's acceptance on the whole server (spec section 12): a widget names a JWKS URL served over
 * HTTP by the test on loopback, with {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE} on. An ES256 token
 * signed with a key of that set starts an authenticated session; a key added to the set later
 * verifies once the set may be refreshed (the server's clock is the test's, moved by hand, never
 * slept on); an HS256 token made with the public key as its secret is refused; a JWKS that goes
 * down keeps its last good set and shows as {@code jwks_unavailable} in the widget's failure log.
 * Each test has its own widget and JWKS path (the cache is per URL).
 */
class JwksContract {
    private static final MutableClock CLOCK = MutableClock.stoppedAt(Instant.now());

    private static HttpServer jwksServer;
    private static final Map<String, List<JWK>> SETS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FETCHES = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> DOWN = new ConcurrentHashMap<>();

    private static TestServers.Node server;

    private TestServers.Node node;
    private ApiClient api;
    private String path;
    private Widget widget;

    /** The server's clock, moved by the test. */
    @Configuration(proxyBeanMethods = false)
    static class ServerClock {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    /** The node of this class, on H2 with the private-outbound switch on and the test's clock, started once. */
    @BeforeAll
    static void startServer() {
        Path dir = TestServers.tempDirectory("visitorauth-it-jwks-h2-");
        Map<String, Object> p = new java.util.LinkedHashMap<>(TestServers.properties(TestServers.h2Url(dir), "sa", dir));
        p.put("visitorauth.outbound.allow-private", "true");
        server = TestServers.Node.start(p, ServerClock.class);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeAll
    static void startJwksServer() throws IOException {
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/", exchange -> {
            try (exchange) {
                String p = exchange.getRequestURI().getPath();
                FETCHES.computeIfAbsent(p, k -> new AtomicInteger()).incrementAndGet();
                List<JWK> keys = SETS.get(p);
                if (keys == null || DOWN.getOrDefault(p, false)) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] body = new JWKSet(List.copyOf(keys)).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        jwksServer.start();
    }

    @AfterAll
    static void stopJwksServer() {
        jwksServer.stop(0);
    }

    @BeforeEach
    void newWidgetWithItsOwnJwks() {
        node = server;
        api = node.api();
        path = "/jwks/" + UUID.randomUUID();
        SETS.put(path, new CopyOnWriteArrayList<>());
        widget = api.newWidget();
        ApiClient.Response patched = api.patchWidget(widget, Map.of("jwksUrl",
                "http://127.0.0.1:" + jwksServer.getAddress().getPort() + path));
        assertThat(patched.status()).as("PATCH jwksUrl: %s", patched).isEqualTo(200);
    }

    private ECKey serveNewKey(String kid) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        SETS.get(path).add(key.toPublicJWK());
        return key;
    }

    private static String es256(ECKey key, String userId) throws JOSEException {
        return VisitorTokens.es256(key.toECPrivateKey(), key.getKeyID(), VisitorTokens.claims(userId, CLOCK.instant()).times(0, 60));
    }

    private int fetches() {
        AtomicInteger n = FETCHES.get(path);
        return n == null ? 0 : n.get();
    }

    private static void advance(Duration d) {
        CLOCK.advance(d);
    }

    @Test
    void anEs256TokenSignedWithAKeyOfTheWidgetsJwksStartsAnAuthenticatedSession() throws Exception {
        ECKey key = serveNewKey("es-1");
        String user = newUserId();

        ApiClient.Session session = api.startOk(widget, null, es256(key, user));

        assertThat(session.status()).isEqualTo("authenticated");
        assertThat(ApiClient.text(session.user(), "id")).isEqualTo(user);
        ApiClient.Response inspection = api.inspect(widget, es256(key, newUserId()));
        assertThat(inspection.json().path("valid").asBoolean()).as("inspection: %s", inspection).isTrue();
        assertThat(inspection.text("keyId")).isEqualTo("es-1");
        assertThat(fetches()).isEqualTo(1);
    }

    @Test
    void aKeyAddedToTheSetLaterVerifiesOnceTheSetMayBeRefreshed() throws Exception {
        ECKey first = serveNewKey("es-1");
        api.startOk(widget, null, es256(first, newUserId()));
        ECKey added = serveNewKey("es-2");

        String tooSoon = es256(added, newUserId());
        ServerTestBase.assertTokenRefused(api.start(widget, null, tooSoon), "unknown_key", tooSoon);
        assertThat(fetches()).isEqualTo(1);

        advance(Duration.ofSeconds(30));
        ApiClient.Session session = api.startOk(widget, null, es256(added, newUserId()));

        assertThat(session.status()).isEqualTo("authenticated");
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void anHs256TokenMadeWithThePublicKeyAsItsSecretIsRefused() throws Exception {
        ECKey key = serveNewKey("es-1");
        String publicKeyAsSecret = key.toPublicJWK().toJSONString();
        String token = VisitorTokens.sign(publicKeyAsSecret, "es-1", VisitorTokens.claims(newUserId(), CLOCK.instant()).times(0, 60));

        ServerTestBase.assertTokenRefused(api.start(widget, null, token), "unsupported_algorithm", token);
    }

    @Test
    void aJwksThatGoesDownKeepsItsLastGoodSetAndShowsInTheFailureLog() throws Exception {
        ECKey key = serveNewKey("es-1");
        api.startOk(widget, null, es256(key, newUserId()));
        DOWN.put(path, true);
        advance(Duration.ofMinutes(5)); // the set is stale: the next start-up fetches, and the fetch fails

        ApiClient.Session session = api.startOk(widget, null, es256(key, newUserId()));

        assertThat(session.status()).isEqualTo("authenticated");
        assertThat(fetches()).isEqualTo(2);
        ApiClient.Response failures = api.authFailures(widget);
        assertThat(failures.status()).isEqualTo(200);
        assertThat(failures.json().path("countsByCode").path("jwks_unavailable").asInt()).as("%s", failures).isEqualTo(1);
        assertThat(failures.json().path("failures").get(0).path("code").asText()).isEqualTo("jwks_unavailable");
    }
}
