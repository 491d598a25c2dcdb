package dev.visitorauth.adapter.token.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.outbound.LocalHttpServer;
import dev.visitorauth.adapter.outbound.OutboundAddressGuard;
import dev.visitorauth.adapter.outbound.OutboundHttpClient;
import dev.visitorauth.application.port.out.FetchJwksPort.JwksFetch;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksUrl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Jose4jJwksFetcherTest {
    private final LocalHttpServer server;
    private final OutboundHttpClient http;
    private final Jose4jJwksFetcher fetcher;

    Jose4jJwksFetcherTest() throws Exception {
        server = new LocalHttpServer();
        http = new OutboundHttpClient(new OutboundAddressGuard(true), OutboundHttpClient.Limits.DEFAULTS);
        fetcher = new Jose4jJwksFetcher(http);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        server.close();
    }

    private JwksUrl url(String path) {
        return new JwksUrl(server.url("http", path).toString());
    }

    static String ecJwk(String kid) throws Exception {
        EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        jwk.setKeyId(kid);
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    @Test
    void readsWhatEachKeyOfTheSetSaysAndItsMaxAge() throws Exception {
        var rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("rsa-1");
        rsa.setAlgorithm("PS256");
        OctetKeyPairJsonWebKey ed = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        String set = "{\"keys\":[" + ecJwk("ec-1") + "," + rsa.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + ","
                + ed.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        server.json("/jwks", set, "Cache-Control", "public, max-age=3600");

        JwksFetch.Fetched fetched = (JwksFetch.Fetched) fetcher.fetchJwks(url("/jwks"));

        assertThat(fetched.maxAge()).contains(Duration.ofHours(1));
        assertThat(fetched.keys()).extracting(JwkFacts::kty).containsExactly("EC", "RSA", "OKP");
        JwkFacts ec = fetched.keys().get(0);
        assertThat(ec.kid()).contains("ec-1");
        assertThat(ec.curve()).contains("P-256");
        assertThat(ec.keyBits()).isEqualTo(256);
        assertThat(ec.privateMembers()).isEmpty();
        assertThat(ec.publicJson()).contains("\"x\"").doesNotContain("\"d\"");
        assertThat(fetched.keys().get(1).keyBits()).isEqualTo(2048);
        assertThat(fetched.keys().get(1).alg()).contains("PS256");
        assertThat(fetched.keys().get(2).curve()).contains("Ed25519");
        assertThat(fetched.keys().get(2).kid()).isEmpty();
    }

    @Test
    void reportsPrivateMembersAndSkipsMembersThatAreNoKey() throws Exception {
        EllipticCurveJsonWebKey withPrivate = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        withPrivate.setKeyId("leaked");
        String set = "{\"keys\":[" + withPrivate.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)
                + ",{\"kty\":\"XYZ\",\"kid\":\"odd\"},{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"},42,"
                + ecJwk("fine") + "]}";
        server.json("/jwks", set);

        JwksFetch.Fetched fetched = (JwksFetch.Fetched) fetcher.fetchJwks(url("/jwks"));

        assertThat(fetched.keys()).extracting(k -> k.kid().orElse("-")).containsExactly("leaked", "fine");
        assertThat(fetched.keys().get(0).privateMembers()).containsExactly("d");
        assertThat(fetched.keys().get(0).publicJson()).doesNotContain("\"d\"");
        assertThat(fetched.maxAge()).isEmpty();
    }

    @Test
    void anAnswerThatIsNoJwkSetIsAFailedFetch() {
        server.json("/html", "<html>maintenance</html>");
        server.json("/object", "{\"keys\":{}}");
        server.json("/dupes", "{\"keys\":[],\"keys\":[]}");
        server.on("/down", exchange -> LocalHttpServer.send(exchange, 503, new byte[0]));

        assertThat(fetcher.fetchJwks(url("/html"))).isInstanceOf(JwksFetch.Failed.class);
        assertThat(fetcher.fetchJwks(url("/object"))).isInstanceOf(JwksFetch.Failed.class);
        assertThat(fetcher.fetchJwks(url("/dupes"))).isInstanceOf(JwksFetch.Failed.class);
        assertThat(((JwksFetch.Failed) fetcher.fetchJwks(url("/down"))).reason()).contains("HTTP 503").contains("127.0.0.1")
                .doesNotContain("/down");
    }

    @Test
    void aUrlTheGuardRefusesIsAFailedFetchThatNeverReachesTheHost() throws Exception {
        server.json("/jwks", "{\"keys\":[]}");
        try (OutboundHttpClient strict = new OutboundHttpClient(new OutboundAddressGuard(false),
                OutboundHttpClient.Limits.DEFAULTS)) {
            JwksFetch fetch = new Jose4jJwksFetcher(strict).fetchJwks(new JwksUrl(server.url("https", "/jwks").toString()));

            assertThat(fetch).isInstanceOf(JwksFetch.Failed.class);
            assertThat(((JwksFetch.Failed) fetch).reason()).contains("refused").contains("127.0.0.1");
        }
        assertThat(server.hits("/jwks")).isZero();
    }

    @Test
    void cacheControlMaxAgeIsReadAndNoCacheOrNoStoreReadAsZero() {
        assertThat(Jose4jJwksFetcher.maxAge(List.of("max-age=600"))).contains(Duration.ofMinutes(10));
        assertThat(Jose4jJwksFetcher.maxAge(List.of("public", "Max-Age=\"120\", must-revalidate"))).contains(Duration.ofMinutes(2));
        assertThat(Jose4jJwksFetcher.maxAge(List.of("max-age=600, no-store"))).contains(Duration.ZERO);
        assertThat(Jose4jJwksFetcher.maxAge(List.of("no-cache"))).contains(Duration.ZERO);
        assertThat(Jose4jJwksFetcher.maxAge(List.of("max-age=99999999999999999999"))).isEqualTo(Optional.empty());
        assertThat(Jose4jJwksFetcher.maxAge(List.of("max-age=-5", "private"))).isEmpty();
        assertThat(Jose4jJwksFetcher.maxAge(List.of())).isEmpty();
    }
}
