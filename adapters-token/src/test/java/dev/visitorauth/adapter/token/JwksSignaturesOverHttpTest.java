package dev.visitorauth.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.outbound.LocalHttpServer;
import dev.visitorauth.adapter.outbound.OutboundAddressGuard;
import dev.visitorauth.adapter.outbound.OutboundHttpClient;
import dev.visitorauth.adapter.token.jwks.Jose4jJwksFetcher;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.service.JwksKeyCache;
import dev.visitorauth.application.service.TokenVerificationService;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's acceptance in the process, with real signatures: a JWKS served over HTTP on loopback
 * (private switch on) read by the jose4j fetcher, the application's cache and verification service,
 * and the real codec. The caching rules are {@code JwksStateTest}'s, the cache's use of them
 * {@code JwksCacheOverHttpTest}'s, key confusion {@code KeyChoiceTest}'s. The server-level test is
 * {@code JwksContract} in the server module (run on H2 and PostgreSQL).
 */
class JwksSignaturesOverHttpTest {
    private static final Instant NOW = TestTokens.NOW;

    private final LocalHttpServer server;
    private final OutboundHttpClient http;
    private final TokenVerificationService verification;
    private final List<String> served = new ArrayList<>();
    private final WidgetKeyring keyring;

    JwksSignaturesOverHttpTest() throws Exception {
        server = new LocalHttpServer();
        server.on("/jwks", exchange -> {
            String body;
            synchronized (served) {
                body = "{\"keys\":[" + String.join(",", served) + "]}";
            }
            LocalHttpServer.send(exchange, 200, body.getBytes(StandardCharsets.UTF_8));
        });
        http = new OutboundHttpClient(new OutboundAddressGuard(true), OutboundHttpClient.Limits.DEFAULTS);
        verification = new TokenVerificationService(new StrictJwsCodec(), new JwksKeyCache(new Jose4jJwksFetcher(http), 10),
                failure -> { });
        keyring = TestTokens.KEYRING.withJwksUrl(Optional.of(new JwksUrl(server.url("http", "/jwks").toString())));
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        server.close();
    }

    private PublicJsonWebKey serveNewKey(String kid) throws JoseException {
        PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId(kid);
        synchronized (served) {
            served.add(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        }
        return key;
    }

    private static String es256(PublicJsonWebKey key, Instant at) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setPayload(TestTokens.claims(at.getEpochSecond(), at.getEpochSecond() + 30));
        jws.setKey(key.getPrivateKey());
        return jws.getCompactSerialization();
    }

    private TokenCheck verify(String token, Instant at) {
        return verification.verify(new WorkspaceId("ws_1"), new TokenVerificationRequest(token, TestTokens.WIDGET,
                AuthenticationPolicy.defaults(), keyring, at));
    }

    @Test
    void anEs256TokenSignedWithAKeyOfTheServedSetVerifies() throws Exception {
        PublicJsonWebKey key = serveNewKey("ec-1");

        TokenCheck check = verify(es256(key, NOW), NOW);

        assertThat(check).isInstanceOf(TokenCheck.Verified.class);
        assertThat(((TokenCheck.Verified) check).keyId().value()).isEqualTo("ec-1");
    }
}
