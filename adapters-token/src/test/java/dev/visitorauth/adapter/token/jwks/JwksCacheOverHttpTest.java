package dev.visitorauth.adapter.token.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.outbound.LocalHttpServer;
import dev.visitorauth.adapter.outbound.OutboundAddressGuard;
import dev.visitorauth.adapter.outbound.OutboundHttpClient;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.application.service.JwksKeyCache;
import dev.visitorauth.application.service.TokenVerificationService;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JWKS caching of spec section 12 end to end in the process: a real HTTP server on loopback
 * (private switch on), the jose4j fetcher behind the guarded client, the application's cache and
 * verification service, and a fake clock moved by hand. The rules' bounds (five minutes to a day,
 * 30 s, once a minute) are {@code JwksStateTest}'s; here that the cache and the service apply them:
 * a served max-age, the refresh on an unknown kid, the last good set, the failure log. The verifier is a stand-in that accepts a
 * token when the keyring it is given holds the key the token names (the token text is the kid).
 */
class JwksCacheOverHttpTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_1");
    private static final WidgetId WIDGET = new WidgetId("wgt_1");

    private final LocalHttpServer server;
    private final OutboundHttpClient http;
    private final List<AuthFailure> failureLog = new CopyOnWriteArrayList<>();
    private final TokenVerificationService verification;
    private final List<String> served = new ArrayList<>();
    private volatile String cacheControl = "";
    private volatile boolean down;
    private Instant now = T0;

    JwksCacheOverHttpTest() throws Exception {
        server = new LocalHttpServer();
        server.on("/jwks", exchange -> {
            if (down) {
                LocalHttpServer.send(exchange, 503, new byte[0]);
                return;
            }
            if (!cacheControl.isEmpty()) {
                exchange.getResponseHeaders().add("Cache-Control", cacheControl);
            }
            String body;
            synchronized (served) {
                body = "{\"keys\":[" + String.join(",", served) + "]}";
            }
            LocalHttpServer.send(exchange, 200, body.getBytes(StandardCharsets.UTF_8));
        });
        http = new OutboundHttpClient(new OutboundAddressGuard(true), OutboundHttpClient.Limits.DEFAULTS);
        verification = new TokenVerificationService(new KidVerifier(), new JwksKeyCache(new Jose4jJwksFetcher(http), 10),
                failureLog::add);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        server.close();
    }

    private void serve(String... kids) throws Exception {
        synchronized (served) {
            for (String kid : kids) {
                served.add(Jose4jJwksFetcherTest.ecJwk(kid));
            }
        }
    }

    private TokenCheck verifyAt(Duration after, String kid) {
        now = T0.plus(after);
        WidgetKeyring keyring = WidgetKeyring.restore(WIDGET,
                List.of(WidgetSecret.current(new KeyId("hs-1"), SecretValue.of("s".repeat(48)), T0)), List.of(),
                Optional.of(new JwksUrl(server.url("http", "/jwks").toString())));
        return verification.verify(WORKSPACE, new TokenVerificationRequest(kid, WIDGET, AuthenticationPolicy.defaults(),
                keyring, now));
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private int fetches() {
        return server.hits("/jwks");
    }

    @Test
    void aSetIsKeptAsLongAsItsMaxAgeSays() throws Exception {
        serve("a");
        cacheControl = "max-age=600";

        assertThat(verifyAt(s(0), "a")).isInstanceOf(TokenCheck.Verified.class);
        verifyAt(s(599), "a");
        assertThat(fetches()).isEqualTo(1);
        verifyAt(s(600), "a");
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void anUnknownKidRefreshesTheSetAtMostOnceEveryThirtySeconds() throws Exception {
        serve("a");
        verifyAt(s(0), "a");
        serve("b"); // a key added to the set later

        TokenCheck tooSoon = verifyAt(s(29), "b");
        assertThat(tooSoon).isInstanceOf(TokenCheck.Refused.class);
        assertThat(((TokenCheck.Refused) tooSoon).refusal().code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
        assertThat(fetches()).isEqualTo(1);

        assertThat(verifyAt(s(30), "b")).isInstanceOf(TokenCheck.Verified.class);
        assertThat(fetches()).isEqualTo(2);

        verifyAt(s(45), "c");
        assertThat(fetches()).isEqualTo(2);
        verifyAt(s(59), "c");
        assertThat(fetches()).isEqualTo(2);
        assertThat(verifyAt(s(60), "c")).isInstanceOf(TokenCheck.Refused.class);
        assertThat(fetches()).isEqualTo(3);
    }

    @Test
    void aFailedFetchKeepsTheLastGoodSet() throws Exception {
        serve("a");
        verifyAt(s(0), "a");
        down = true;

        assertThat(verifyAt(Duration.ofMinutes(5), "a")).isInstanceOf(TokenCheck.Verified.class);
        assertThat(fetches()).isEqualTo(2);
        assertThat(failureLog).extracting(AuthFailure::code).containsExactly(ErrorCode.JWKS_UNAVAILABLE);
        assertThat(verifyAt(Duration.ofMinutes(6), "a")).isInstanceOf(TokenCheck.Verified.class);
    }

    @Test
    void jwksUnavailableIsLoggedAtMostOnceAMinutePerWidget() {
        down = true;

        verifyAt(s(0), "a");
        verifyAt(s(30), "a"); // the stale (empty) set is fetched again after 30 s: it fails again
        verifyAt(s(59), "a");
        assertThat(fetches()).isEqualTo(2);
        assertThat(failureLog).hasSize(1);

        verifyAt(s(60), "a");
        assertThat(fetches()).isEqualTo(3);
        assertThat(failureLog).extracting(AuthFailure::at).containsExactly(T0, T0.plusSeconds(60));
        assertThat(failureLog).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE);
            assertThat(f.widgetId()).isEqualTo(WIDGET);
            assertThat(f.kid()).isEmpty();
        });
    }

    /** Accepts a token (its text is a kid) when the keyring it is given holds that key. */
    private static final class KidVerifier implements VerifyVisitorTokenPort {
        @Override
        public TokenCheck verify(TokenVerificationRequest request) {
            String kid = request.token();
            if (request.keyring().publicKey(kid).isPresent()) {
                return new TokenCheck.Verified(new VisitorIdentity(new ExternalUserId("u-1"), ProfileUpdate.none(),
                        request.now().plusSeconds(60), Optional.empty(), Optional.empty()), new KeyId(kid));
            }
            return new TokenCheck.Refused(Refusal.of(ErrorCode.UNKNOWN_KEY, "kid", "no such key"), Optional.of(kid),
                    Optional.empty());
        }

        @Override
        public TokenInspection inspect(TokenVerificationRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
