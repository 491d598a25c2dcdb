package dev.visitorauth.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.ParseJwkPort;
import dev.visitorauth.domain.widget.JwkFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctJwkGenerator;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jose4j JWK parser, with real keys from jose4j's generators: what it reads. Which keys a widget
 * may use is the domain's rule ({@code WidgetPublicKeyTest}).
 */
class Jose4jJwkParserTest {
    private static PublicJsonWebKey rsa2048;
    private static PublicJsonWebKey rsa1024;
    private static EllipticCurveJsonWebKey p256;
    private static EllipticCurveJsonWebKey p384;
    private static PublicJsonWebKey ed25519;

    private final Jose4jJwkParser parser = new Jose4jJwkParser();

    @BeforeAll
    static void generateKeys() throws JoseException {
        rsa2048 = RsaJwkGenerator.generateJwk(2048);
        rsa1024 = RsaJwkGenerator.generateJwk(1024);
        p256 = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        p384 = EcJwkGenerator.generateJwk(EllipticCurves.P384);
        ed25519 = OkpJwkGenerator.generateJwk("Ed25519");
    }

    private static String publicJson(JsonWebKey key) {
        return key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static String privateJson(JsonWebKey key) {
        return key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    /** The JWK's members with {@code changes} applied (a null value removes the member). */
    private static String edited(JsonWebKey key, Map<String, Object> changes) throws JoseException {
        Map<String, Object> members = new LinkedHashMap<>(JsonUtil.parseJson(publicJson(key)));
        changes.forEach((name, value) -> {
            if (value == null) {
                members.remove(name);
            } else {
                members.put(name, value);
            }
        });
        return JsonUtil.toJson(members);
    }

    private JwkFacts facts(String json) {
        ParseJwkPort.JwkReading r = parser.parse(json);
        assertThat(r).as("read: %s", r).isInstanceOf(ParseJwkPort.Read.class);
        return ((ParseJwkPort.Read) r).facts();
    }

    /** The parser's reason why {@code json} is not a readable key. */
    private String unreadable(String json) {
        ParseJwkPort.JwkReading r = parser.parse(json);
        assertThat(r).as("unreadable").isInstanceOf(ParseJwkPort.Unreadable.class);
        String problem = ((ParseJwkPort.Unreadable) r).problem();
        assertThat(problem).isNotBlank();
        return problem;
    }

    @Test
    void anRsaPublicKeyIsReadWithItsModulusSize() {
        JwkFacts facts = facts(publicJson(rsa2048));

        assertThat(facts.kty()).isEqualTo("RSA");
        assertThat(facts.keyBits()).isEqualTo(2048);
        assertThat(facts.curve()).isEmpty();
        assertThat(facts.privateMembers()).isEmpty();
        assertThat(facts.publicJson()).contains("\"n\"").contains("\"e\"");
        assertThat(facts(publicJson(rsa1024)).keyBits()).isEqualTo(1024);
    }

    @Test
    void aP256KeyCarriesItsCurveKidAlgAndUse() throws JoseException {
        JwkFacts facts = facts(edited(p256, Map.of("kid", "shop-2026", "alg", "ES256", "use", "sig")));

        assertThat(facts.kty()).isEqualTo("EC");
        assertThat(facts.curve()).contains("P-256");
        assertThat(facts.keyBits()).isEqualTo(256);
        assertThat(facts.kid()).contains("shop-2026");
        assertThat(facts.alg()).contains("ES256");
        assertThat(facts.use()).contains("sig");
    }

    @Test
    void aP384KeyIsReadWithItsCurveAndSize() {
        JwkFacts facts = facts(publicJson(p384));

        assertThat(facts.curve()).contains("P-384");
        assertThat(facts.keyBits()).isEqualTo(384);
    }

    @Test
    void anEd25519KeyIsAnOkpKeyOf256Bits() {
        JwkFacts facts = facts(publicJson(ed25519));

        assertThat(facts.kty()).isEqualTo("OKP");
        assertThat(facts.curve()).contains("Ed25519");
        assertThat(facts.keyBits()).isEqualTo(256);
    }

    @Test
    void anOctKeyIsReadWithItsSecretAsAPrivateMemberThatThePublicJsonLeavesOut() {
        JsonWebKey oct = OctJwkGenerator.generateJwk(256);

        JwkFacts facts = facts(privateJson(oct));

        assertThat(facts.kty()).isEqualTo("oct");
        assertThat(facts.privateMembers()).containsExactly("k");
        assertThat(facts.publicJson()).doesNotContain("\"k\"");
    }

    @Test
    void anRsaKeyPairIsReadWithEveryPrivateMemberNamedAndNoneInThePublicJson() {
        JwkFacts facts = facts(privateJson(rsa2048));

        assertThat(facts.privateMembers()).containsExactlyInAnyOrder("d", "p", "q", "dp", "dq", "qi");
        assertThat(facts.publicJson()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"qi\"");
    }

    @Test
    void anEcKeyPairIsReadWithItsPrivateMember() {
        JwkFacts facts = facts(privateJson(p256));

        assertThat(facts.privateMembers()).containsExactly("d");
        assertThat(facts.publicJson()).doesNotContain("\"d\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1]", "\"jwk\"", "42", "null", "{\"kty\":\"EC\",\"kty\":\"RSA\"}"})
    void textThatIsNotAJsonObjectIsUnreadable(String text) {
        unreadable(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"kty\":1}", "{\"kty\":\"XYZ\"}", "{\"kty\":\"RSA\",\"e\":\"AQAB\"}",
            "{\"kty\":\"EC\",\"crv\":\"P-192\",\"x\":\"AAAA\",\"y\":\"AAAA\"}", "{\"kty\":\"oct\"}"})
    void aJsonObjectThatIsNotAReadableJwkIsUnreadable(String text) {
        unreadable(text);
    }

    @Test
    void aKidThatIsNotAStringIsRefused() throws JoseException {
        unreadable(edited(p256, Map.of("kid", 7)));
    }

    @Test
    void anEcPointOffItsCurveIsRefusedWithoutEchoingIt() throws JoseException {
        String y = (String) JsonUtil.parseJson(publicJson(p256)).get("y");
        String otherY = (String) JsonUtil.parseJson(publicJson(EcJwkGenerator.generateJwk(EllipticCurves.P256))).get("y");

        String problem = unreadable(edited(p256, Map.of("y", otherY)));

        assertThat(problem).contains("not on the P-256 curve").doesNotContain(otherY).doesNotContain(y);
    }

    @Test
    void ecCoordinatesLongerThanTheCurveAreRefused() throws JoseException {
        String problem = unreadable(edited(p256, Map.of("x", "AAAA" + JsonUtil.parseJson(publicJson(p256)).get("x"))));

        assertThat(problem).contains("at most 32 bytes");
    }

    /** PyJWT before 2.7 writes a coordinate without its leading zero bytes (one key in 128): same integer, read. */
    @Test
    void anEcCoordinateWithoutItsLeadingZeroByteIsReadAndStoredAtFullSize() throws JoseException {
        EllipticCurveJsonWebKey key;
        do {
            key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } while (key.getECPublicKey().getW().getAffineX().bitLength() > 248);
        String full = (String) JsonUtil.parseJson(publicJson(key)).get("x");
        byte[] stripped = key.getECPublicKey().getW().getAffineX().toByteArray();
        int from = 0;
        while (from < stripped.length - 1 && stripped[from] == 0) {
            from++;
        }
        String shortX = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(stripped, from, stripped.length));
        assertThat(shortX.length()).as("the short form really is shorter").isLessThan(full.length());

        JwkFacts facts = facts(edited(key, Map.of("x", shortX)));

        assertThat(JsonUtil.parseJson(facts.publicJson()).get("x")).isEqualTo(full);
    }

    @Test
    void anEd25519KeyOfTheWrongLengthIsRefused() throws JoseException {
        unreadable(edited(ed25519, Map.of("x", "AAAA")));
    }

    @Test
    void theProblemNeverEchoesPrivateKeyMaterial() throws JoseException {
        String d = (String) JsonUtil.parseJson(privateJson(p256)).get("d");
        Map<String, Object> members = new LinkedHashMap<>(JsonUtil.parseJson(privateJson(p256)));
        members.put("x", "AAAA");

        String problem = unreadable(JsonUtil.toJson(members));

        assertThat(problem).doesNotContain(d);
    }
}
