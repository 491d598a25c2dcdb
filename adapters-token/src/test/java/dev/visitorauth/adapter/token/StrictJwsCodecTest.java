package dev.visitorauth.adapter.token;

import static dev.visitorauth.adapter.token.TestTokens.CURRENT;
import static dev.visitorauth.adapter.token.TestTokens.GRACE;
import static dev.visitorauth.adapter.token.TestTokens.K_CURRENT;
import static dev.visitorauth.adapter.token.TestTokens.K_GRACE;
import static dev.visitorauth.adapter.token.TestTokens.K_OLD;
import static dev.visitorauth.adapter.token.TestTokens.NOW;
import static dev.visitorauth.adapter.token.TestTokens.OLD;
import static dev.visitorauth.adapter.token.TestTokens.STRANGER;
import static dev.visitorauth.adapter.token.TestTokens.USER;
import static dev.visitorauth.adapter.token.TestTokens.b64;
import static dev.visitorauth.adapter.token.TestTokens.claims;
import static dev.visitorauth.adapter.token.TestTokens.nimbus;
import static dev.visitorauth.adapter.token.TestTokens.nimbusClaims;
import static dev.visitorauth.adapter.token.TestTokens.nimbusHs256;
import static dev.visitorauth.adapter.token.TestTokens.request;
import static dev.visitorauth.adapter.token.TestTokens.segments;
import static dev.visitorauth.adapter.token.TestTokens.sign;
import static dev.visitorauth.adapter.token.TestTokens.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.SignedJWT;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.SecretValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJwsCodecTest {
    private static final String HS256_JWT = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final StrictJwsCodec VERIFIER = new StrictJwsCodec();
    private static RSAKey rsa;

    @BeforeAll
    static void generateRsaKey() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).generate();
    }

    private static TokenCheck verify(String token) {
        return VERIFIER.verify(request(token));
    }

    private static TokenCheck.Refused refused(String token) {
        TokenCheck check = verify(token);
        assertThat(check).isInstanceOf(TokenCheck.Refused.class);
        return (TokenCheck.Refused) check;
    }

    private static void assertRefused(String token, ErrorCode code) {
        assertThat(refused(token).refusal().code()).isEqualTo(code);
    }

    private static void assertRefused(String token, ErrorCode code, String claim) {
        TokenCheck.Refused refused = refused(token);
        assertThat(refused.refusal().code()).isEqualTo(code);
        assertThat(refused.refusal().claim()).contains(claim);
    }

    private static TokenCheck.Verified verified(String token) {
        TokenCheck check = verify(token);
        assertThat(check).isInstanceOf(TokenCheck.Verified.class);
        return (TokenCheck.Verified) check;
    }

    @Nested
    class ValidTokens {
        @Test
        void acceptsANimbusMintedTokenAndReturnsItsIdentity() {
            String token = nimbus(nimbusHs256().keyID(K_CURRENT.value()).build(), CURRENT);

            TokenCheck.Verified verified = verified(token);

            assertThat(verified.identity().externalId().value()).isEqualTo(USER);
            assertThat(verified.identity().expiresAt()).isEqualTo(NOW.plusSeconds(30));
            assertThat(verified.identity().issuedAt()).contains(NOW);
            assertThat(verified.keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void acceptsAJose4jMintedTokenWithoutTypOrKid() {
            String token = TestTokens.jose4j(CURRENT, null);

            TokenCheck.Verified verified = verified(token);

            assertThat(verified.identity().externalId().value()).isEqualTo(USER);
            assertThat(verified.identity().expiresAt()).isEqualTo(NOW.plusSeconds(30));
            assertThat(verified.keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void acceptsAJose4jMintedTokenWithKid() {
            assertThat(verified(TestTokens.jose4j(CURRENT, K_CURRENT.value())).keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void acceptsAHandSignedTokenLikeEveryCommonLibraryMakes() {
            TokenCheck.Verified verified = verified(valid());

            assertThat(verified.identity().externalId().value()).isEqualTo(USER);
            assertThat(verified.keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void acceptsAnyStrictJsonSpellingOfTheHeader() {
            String token = sign(" { \"typ\" : \"JWT\" ,\n \"alg\" : \"HS\\u0032\\u00356\" } ", claims(), CURRENT);

            assertThat(verified(token).keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void acceptsNonAsciiClaimsInValidUtf8() {
            String token = sign(HS256_JWT, "{\"id\":\"Zoë-東京\",\"exp\":" + (NOW.getEpochSecond() + 30) + "}", CURRENT);

            assertThat(verified(token).identity().externalId().value()).isEqualTo("Zoë-東京");
        }
    }

    @Nested
    class Size {
        @Test
        void refusesOverEightKibEvenWhenGarbage() {
            assertRefused("!".repeat(8193), ErrorCode.TOKEN_TOO_LARGE);
        }

        @Test
        void refusesAnOtherwiseValidTokenPaddedOverTheLimit() {
            String token = sign(HS256_JWT, "{\"id\":\"" + USER + "\",\"pad\":\"" + "x".repeat(6200) + "\",\"exp\":"
                    + (NOW.getEpochSecond() + 30) + "}", CURRENT);
            assertThat(token.length()).isGreaterThan(8192);

            assertRefused(token, ErrorCode.TOKEN_TOO_LARGE);
        }

        @Test
        void countsUtf8BytesNotCharacters() {
            String token = "é".repeat(4097);
            assertThat(token.length()).isLessThanOrEqualTo(8192);

            assertRefused(token, ErrorCode.TOKEN_TOO_LARGE);
        }

        @Test
        void acceptsExactlyEightKibAsFarAsSizeGoes() {
            assertRefused("!".repeat(8192), ErrorCode.MALFORMED_TOKEN);
        }
    }

    @Nested
    class Form {
        @ParameterizedTest
        @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "a.b.c.d.e.f", ".", ".."})
        void refusesAnythingButThreeSegments(String token) {
            assertRefused(token, ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesAFivePartJwe() throws JOSEException {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                    new Payload(claims()));
            jwe.encrypt(new DirectEncrypter(new byte[32]));
            String token = jwe.serialize();
            assertThat(token.split("\\.", -1)).hasSize(5);

            TokenCheck.Refused refused = refused(token);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.MALFORMED_TOKEN);
            assertThat(refused.refusal().message()).contains("JWE").contains("not accepted");
        }

        @Test
        void refusesJsonSerialization() {
            String[] parts = segments(valid());
            String json = "{\"payload\":\"" + parts[1] + "\",\"protected\":\"" + parts[0] + "\",\"signature\":\""
                    + parts[2] + "\"}";

            TokenCheck.Refused refused = refused(json);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.MALFORMED_TOKEN);
            assertThat(refused.refusal().message()).contains("JSON serialization");
        }

        @Test
        void refusesFlattenedJsonSerializationWithDots() {
            assertRefused("{\"payload\":\"a.b\",\"signatures\":[{\"protected\":\"c\",\"signature\":\"d\"}]}",
                    ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesAnEmptyHeaderSegment() {
            String[] parts = segments(valid());
            assertRefused("." + parts[1] + "." + parts[2], ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesAnEmptyPayloadSegment() {
            String[] parts = segments(valid());
            assertRefused(parts[0] + ".." + parts[2], ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesNonAsciiCharacters() {
            String[] parts = segments(valid());
            assertRefused(parts[0] + "é." + parts[1] + "." + parts[2], ErrorCode.MALFORMED_TOKEN);
        }

        static Stream<Arguments> badCharacterInEachSegment() {
            return Stream.of(0, 1, 2).flatMap(segment -> Stream.of("+", "/", "=", " ", "%", "\n", "\t", "*")
                    .map(bad -> Arguments.of(segment, bad)));
        }

        @ParameterizedTest(name = "segment {0}, character [{1}]")
        @MethodSource("badCharacterInEachSegment")
        void refusesCharactersOutsideBase64url(int segment, String bad) {
            String[] parts = segments(valid());
            parts[segment] = parts[segment].substring(0, 4) + bad + parts[segment].substring(5);

            assertRefused(String.join(".", parts), ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesPaddingOnTheHeader() {
            String header = "{\"alg\":\"HS256\", \"typ\":\"JWT\"}";
            String padded = java.util.Base64.getUrlEncoder().encodeToString(header.getBytes(StandardCharsets.UTF_8));
            assertThat(padded).endsWith("=");
            String[] parts = segments(sign(header, claims(), CURRENT));

            assertRefused(padded + "." + parts[1] + "." + parts[2], ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesASegmentLengthThatLeavesOneCharacterOver() {
            String[] parts = segments(valid());
            String header = parts[0].length() % 4 == 0 ? parts[0] + "A" : parts[0] + "AAAA".substring(parts[0].length() % 4 - 1);
            assertThat(header.length() % 4).isEqualTo(1);

            assertRefused(header + "." + parts[1] + "." + parts[2], ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesANonCanonicalFinalCharacterInThePayload() {
            String payload = claims();
            while (b64(payload).length() % 4 == 0) {
                payload += " ";
            }
            String token = sign(HS256_JWT, payload, CURRENT);
            String[] parts = segments(token);
            assertThat(parts[1].length() % 4).isNotZero();
            parts[1] = withNonCanonicalLastCharacter(parts[1]);

            assertRefused(String.join(".", parts), ErrorCode.MALFORMED_TOKEN);
        }
    }

    @Nested
    class HeaderJson {
        @Test
        void refusesDuplicateMembers() {
            assertRefused(sign("{\"alg\":\"HS256\",\"alg\":\"HS256\"}", claims(), CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesADuplicateKidThatWouldPickAnotherSecret() {
            assertRefused(sign("{\"alg\":\"HS256\",\"kid\":\"k-current\",\"kid\":\"k-old\"}", claims(), CURRENT),
                    ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesADuplicateHiddenByAnEscape() {
            assertRefused(sign("{\"alg\":\"HS256\",\"\\u0061lg\":\"none\"}", claims(), CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"alg\":\"HS256\",}",
                "{\"alg\":\"HS256\"} x",
                "{\"alg\":\"HS256\"}{}",
                "{'alg':'HS256'}",
                "{alg:\"HS256\"}",
                "{\"alg\":\"HS256\" /* c */}",
                "[\"HS256\"]",
                "\"HS256\"",
                "null",
                "{\"alg\":\"HS256\"",
        })
        void refusesAHeaderThatIsNotAStrictJsonObject(String header) {
            assertRefused(sign(header, claims(), CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesInvalidUtf8InTheHeader() {
            byte[] header = {'{', '"', 'a', 'l', 'g', '"', ':', '"', 'H', 'S', '2', '5', '6', '"', ',', '"', 'x', '"', ':',
                    '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            assertRefused(TestTokens.signRaw(header, claims().getBytes(StandardCharsets.UTF_8), CURRENT),
                    ErrorCode.MALFORMED_TOKEN);
        }
    }

    @Nested
    class Algorithm {
        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
        void refusesNoneInEverySpellingWithAnEmptySignature(String none) {
            String token = b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + b64(claims()) + ".";

            assertRefused(token, ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
        void refusesNoneInEverySpellingWithASignature(String none) {
            String token = sign("{\"alg\":\"" + none + "\"}", claims(), CURRENT);

            assertRefused(token, ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void refusesNoneWithAJunkSignature() {
            assertRefused(b64("{\"alg\":\"none\"}") + "." + b64(claims()) + ".!!", ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void refusesHs384() {
            assertRefused(nimbus(new JWSHeader.Builder(JWSAlgorithm.HS384).build(), CURRENT),
                    ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void refusesHs512() {
            assertRefused(nimbus(new JWSHeader.Builder(JWSAlgorithm.HS512).build(), CURRENT),
                    ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void refusesRs256() throws JOSEException {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(),
                    nimbusClaims(NOW, NOW.plusSeconds(30)));
            jwt.sign(new RSASSASigner(rsa));

            assertRefused(jwt.serialize(), ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void refusesEs256() throws JOSEException {
            ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(),
                    nimbusClaims(NOW, NOW.plusSeconds(30)));
            jwt.sign(new ECDSASigner(ec));

            assertRefused(jwt.serialize(), ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void refusesRs256HeaderOverAnHmacWithTheWidgetSecret() {
            assertRefused(sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims(), CURRENT), ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void refusesHs256SignedWithTheRsaPublicKeyAsHmacSecret() throws JOSEException {
            byte[] publicKey = rsa.toRSAPublicKey().getEncoded();
            String token = nimbus(nimbusHs256().build(), nimbusClaims(NOW, NOW.plusSeconds(30)), publicKey);

            assertRefused(token, ErrorCode.INVALID_SIGNATURE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"hs256", "Hs256", "HS256 ", " HS256", "HS-256", "HMAC-SHA256", ""})
        void comparesAlgExactly(String alg) {
            assertRefused(sign("{\"alg\":\"" + alg + "\"}", claims(), CURRENT), ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"typ\":\"JWT\"}", "{\"alg\":null}", "{\"alg\":256}", "{\"alg\":[\"HS256\"]}",
                "{\"alg\":{\"name\":\"HS256\"}}", "{\"alg\":true}"})
        void refusesAMissingOrNonStringAlgAsMalformed(String header) {
            assertRefused(sign(header, claims(), CURRENT), ErrorCode.MALFORMED_TOKEN, "alg");
        }
    }

    @Nested
    class HeaderMembers {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "{\"alg\":\"HS256\",\"crit\":[]}",
                "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}",
                "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}",
                "{\"alg\":\"HS256\",\"b64\":true}",
                "{\"alg\":\"HS256\",\"cty\":\"JWT\"}",
                "{\"alg\":\"HS256\",\"zip\":\"DEF\"}",
                "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}",
                "{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/jwks.json\"}",
                "{\"alg\":\"HS256\",\"x5u\":\"https://attacker.example/cert.pem\"}",
                "{\"alg\":\"HS256\",\"x5c\":[\"MIIB\"]}",
                "{\"alg\":\"HS256\",\"x5t\":\"AAAA\"}",
                "{\"alg\":\"HS256\",\"enc\":\"A256GCM\"}",
                "{\"alg\":\"HS256\",\"ALG\":\"HS256\"}",
                "{\"alg\":\"HS256\",\"whatever\":null}",
        })
        void refusesAnyMemberButAlgTypKid(String header) {
            String member = header.substring(header.indexOf(',') + 2, header.indexOf('"', header.indexOf(',') + 2));

            assertRefused(sign(header, claims(), CURRENT), ErrorCode.UNSUPPORTED_TOKEN, member);
        }

        @Test
        void reportsALongMemberNameCutShort() {
            String name = "x".repeat(500);

            assertRefused(sign("{\"alg\":\"HS256\",\"" + name + "\":1}", claims(), CURRENT),
                    ErrorCode.UNSUPPORTED_TOKEN, "x".repeat(64) + "...");
        }

        @Test
        void refusesCritMintedByNimbus() {
            JWSHeader header = nimbusHs256().criticalParams(Set.of("exp")).customParam("exp", 1).build();

            assertRefused(nimbus(header, CURRENT), ErrorCode.UNSUPPORTED_TOKEN);
        }

        @Test
        void refusesCtyMintedByNimbus() {
            assertRefused(nimbus(new JWSHeader.Builder(JWSAlgorithm.HS256).contentType("JWT").build(), CURRENT),
                    ErrorCode.UNSUPPORTED_TOKEN, "cty");
        }

        @Test
        void refusesJkuMintedByNimbus() {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .jwkURL(URI.create("https://attacker.example/jwks.json")).build();

            assertRefused(nimbus(header, CURRENT), ErrorCode.UNSUPPORTED_TOKEN, "jku");
        }

        @Test
        void refusesJwkMintedByNimbus() {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).jwk(rsa.toPublicJWK()).build();

            assertRefused(nimbus(header, CURRENT), ErrorCode.UNSUPPORTED_TOKEN, "jwk");
        }

        @Test
        void refusesX5uMintedByNimbus() {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .x509CertURL(URI.create("https://attacker.example/cert.pem")).build();

            assertRefused(nimbus(header, CURRENT), ErrorCode.UNSUPPORTED_TOKEN, "x5u");
        }

        @Test
        void refusesX5cMintedByNimbus() {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .x509CertChain(List.of(Base64.encode(new byte[] {1, 2, 3}))).build();

            assertRefused(nimbus(header, CURRENT), ErrorCode.UNSUPPORTED_TOKEN, "x5c");
        }

        @ParameterizedTest
        @ValueSource(strings = {"JWT", "jwt", "Jwt", "jWt"})
        void acceptsTypJwtInAnyCase(String typ) {
            String token = nimbus(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(typ)).build(), CURRENT);

            assertThat(verified(token).keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void refusesTypJose() {
            assertRefused(nimbus(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JOSE).build(), CURRENT),
                    ErrorCode.UNSUPPORTED_TOKEN, "typ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"application/jwt\"", "\"JWS\"", "\"\"", "\"JWT \"", "null", "1", "[\"JWT\"]"})
        void refusesAnyOtherTyp(String typ) {
            assertRefused(sign("{\"alg\":\"HS256\",\"typ\":" + typ + "}", claims(), CURRENT), ErrorCode.UNSUPPORTED_TOKEN, "typ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "null", "[\"k-current\"]", "{\"id\":\"k-current\"}", "true"})
        void refusesANonStringKidAsMalformed(String kid) {
            assertRefused(sign("{\"alg\":\"HS256\",\"kid\":" + kid + "}", claims(), CURRENT), ErrorCode.MALFORMED_TOKEN, "kid");
        }
    }

    @Nested
    class HeaderOrder {
        @Test
        void algValueComesBeforeTheMemberAllowlist() {
            assertRefused(sign("{\"alg\":\"none\",\"crit\":[]}", claims(), CURRENT), ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void algPresenceComesBeforeTheMemberAllowlist() {
            assertRefused(sign("{\"crit\":[],\"typ\":\"JOSE\"}", claims(), CURRENT), ErrorCode.MALFORMED_TOKEN, "alg");
        }

        @Test
        void memberAllowlistComesBeforeTyp() {
            assertRefused(sign("{\"typ\":\"JOSE\",\"alg\":\"HS256\",\"zip\":\"DEF\"}", claims(), CURRENT),
                    ErrorCode.UNSUPPORTED_TOKEN, "zip");
        }

        @Test
        void typComesBeforeKid() {
            assertRefused(sign("{\"alg\":\"HS256\",\"typ\":\"JOSE\",\"kid\":5}", claims(), CURRENT),
                    ErrorCode.UNSUPPORTED_TOKEN, "typ");
        }

        @Test
        void theFirstUnknownMemberInDocumentOrderIsReported() {
            assertRefused(sign("{\"alg\":\"HS256\",\"jku\":\"x\",\"crit\":[]}", claims(), CURRENT),
                    ErrorCode.UNSUPPORTED_TOKEN, "jku");
        }

        @Test
        void unknownKeyComesBeforeTheSignature() {
            assertRefused(sign("{\"alg\":\"HS256\",\"kid\":\"nope\"}", claims(), STRANGER), ErrorCode.UNKNOWN_KEY, "kid");
        }
    }

    @Nested
    class Keys {
        private String withKid(String kid, SecretValue secret) {
            return nimbus(nimbusHs256().keyID(kid).build(), secret);
        }

        @Test
        void refusesAnUnknownKid() {
            TokenCheck.Refused refused = refused(withKid("k-unknown", CURRENT));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
            assertThat(refused.refusal().claim()).contains("kid");
            assertThat(refused.headerKid()).contains("k-unknown");
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void refusesTheKidOfASecretRotatedOutPastItsGrace() {
            assertRefused(withKid(K_OLD.value(), OLD), ErrorCode.SECRET_ROTATED, "kid");
        }

        @Test
        void acceptsTheKidOfASecretInItsGracePeriod() {
            assertThat(verified(withKid(K_GRACE.value(), GRACE)).keyId()).isEqualTo(K_GRACE);
        }

        @Test
        void theKidPicksTheOnlySecretTried() {
            assertRefused(withKid(K_GRACE.value(), CURRENT), ErrorCode.INVALID_SIGNATURE);
        }

        @Test
        void withoutKidAcceptsTheSecretInItsGracePeriod() {
            assertThat(verified(nimbus(nimbusHs256().build(), GRACE)).keyId()).isEqualTo(K_GRACE);
        }

        @Test
        void withoutKidDiagnosesASignatureByARotatedOutSecret() {
            TokenCheck.Refused refused = refused(nimbus(nimbusHs256().build(), OLD));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.SECRET_ROTATED);
            assertThat(refused.refusal().claim()).isEmpty();
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void withoutKidRefusesAStrangersSignature() {
            assertRefused(nimbus(nimbusHs256().build(), STRANGER), ErrorCode.INVALID_SIGNATURE);
        }

        @Test
        void reportsALongKidCutShort() {
            String kid = "k".repeat(300);

            TokenCheck.Refused refused = refused(sign("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", claims(), CURRENT));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
            assertThat(refused.headerKid()).contains("k".repeat(64) + "...");
        }

        @Test
        void reportsAKidWithControlCharactersMasked() {
            TokenCheck.Refused refused = refused(sign("{\"alg\":\"HS256\",\"kid\":\"a\\u0000b\\nc\"}", claims(), CURRENT));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
            assertThat(refused.headerKid()).contains("a?b?c");
        }

        @Test
        void refusesAnEmptyKid() {
            assertRefused(sign("{\"alg\":\"HS256\",\"kid\":\"\"}", claims(), CURRENT), ErrorCode.UNKNOWN_KEY, "kid");
        }
    }

    @Nested
    class Signature {
        @Test
        void refusesATamperedPayload() {
            String[] parts = segments(valid());
            parts[1] = b64(claims().replace(USER, "admin"));

            assertRefused(String.join(".", parts), ErrorCode.INVALID_SIGNATURE);
        }

        @Test
        void refusesATamperedHeader() {
            String[] parts = segments(valid());
            parts[0] = b64("{\"alg\":\"HS256\",\"typ\":\"jwt\"}");

            assertRefused(String.join(".", parts), ErrorCode.INVALID_SIGNATURE);
        }

        @Test
        void refusesAStrippedSignature() {
            String[] parts = segments(valid());

            assertRefused(parts[0] + "." + parts[1] + ".", ErrorCode.MALFORMED_TOKEN, "signature");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 16, 31, 33, 48, 64})
        void refusesASignatureThatIsNot32Bytes(int bytes) {
            String[] parts = segments(valid());
            byte[] mac = TestTokens.hmac(CURRENT.keyBytes(), "HmacSHA256", parts[0] + "." + parts[1]);
            byte[] signature = java.util.Arrays.copyOf(mac, bytes);

            assertRefused(parts[0] + "." + parts[1] + "." + b64(signature), ErrorCode.MALFORMED_TOKEN, "signature");
        }

        @Test
        void refusesANonCanonicalFinalSignatureCharacterThatLenientDecodersAccept() {
            String[] parts = segments(valid());
            String altered = withNonCanonicalLastCharacter(parts[2]);
            assertThat(java.util.Base64.getUrlDecoder().decode(altered))
                    .isEqualTo(java.util.Base64.getUrlDecoder().decode(parts[2]));

            assertRefused(parts[0] + "." + parts[1] + "." + altered, ErrorCode.MALFORMED_TOKEN, "signature");
        }

        @Test
        void refusesAPaddedSignature() {
            String[] parts = segments(valid());

            assertRefused(parts[0] + "." + parts[1] + "." + parts[2] + "=", ErrorCode.MALFORMED_TOKEN, "signature");
        }

        @Test
        void refusesTrailingWhitespace() {
            assertRefused(valid() + "\n", ErrorCode.MALFORMED_TOKEN, "signature");
        }
    }

    @Nested
    class PayloadJson {
        private final long exp = NOW.getEpochSecond() + 30;

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "[{\"id\":\"user-42\"}]",
                "\"user-42\"",
                "42",
                "null",
                "{\"id\":\"user-42\",\"id\":\"admin\",\"exp\":EXP}",
                "{\"id\":\"user-42\",\"\\u0069d\":\"admin\",\"exp\":EXP}",
                "{\"id\":\"user-42\",\"exp\":EXP,}",
                "{\"id\":\"user-42\",\"exp\":0EXP}",
                "{\"id\":\"user-42\",\"exp\":EXP /* comment */}",
                "{\"id\":\"user-42\",\"exp\":EXP} // comment",
                "{\"id\":\"user-42\",\"exp\":EXP}x",
                "{\"id\":\"user-42\",\"exp\":EXP}{}",
                "{\"id\":\"user-42\",\"exp\":NaN}",
                "{'id':'user-42','exp':EXP}",
                "{id:\"user-42\",\"exp\":EXP}",
                "{\"id\":\"user\t42\",\"exp\":EXP}",
                "{\"id\":\"user-42\",\"exp\":+EXP}",
                "{\"id\":\"user-42\",\"exp\":EXP.}",
                "{\"id\":\"user-42\",\"exp\":EXP",
        })
        void refusesAPayloadThatIsNotAStrictJsonObjectEvenWhenSigned(String payload) {
            assertRefused(sign(HS256_JWT, payload.replace("EXP", Long.toString(exp)), CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        static Stream<byte[]> invalidUtf8() {
            return Stream.of(
                    new byte[] {(byte) 0xC3, (byte) 0x28},
                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0xE2, (byte) 0x82});
        }

        @ParameterizedTest
        @MethodSource("invalidUtf8")
        void refusesInvalidUtf8InAStringEvenWhenSigned(byte[] bad) {
            byte[] payload = concat(("{\"exp\":" + exp + ",\"id\":\"").getBytes(StandardCharsets.US_ASCII), bad,
                    "\"}".getBytes(StandardCharsets.US_ASCII));

            assertRefused(sign(HS256_JWT, payload, CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesAByteOrderMark() {
            byte[] payload = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    claims().getBytes(StandardCharsets.UTF_8));

            assertRefused(sign(HS256_JWT, payload, CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesUtf16() {
            assertRefused(sign(HS256_JWT, claims().getBytes(StandardCharsets.UTF_16BE), CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesDeepNesting() {
            String payload = "{\"id\":\"user-42\",\"exp\":" + exp + ",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

            assertRefused(sign(HS256_JWT, payload, CURRENT), ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void malformedPayloadRefusalKeepsTheHeaderKidButNoIat() {
            String token = sign("{\"alg\":\"HS256\",\"kid\":\"k-current\"}", "{\"iat\":" + NOW.getEpochSecond() + ",}", CURRENT);

            TokenCheck.Refused refused = refused(token);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.MALFORMED_TOKEN);
            assertThat(refused.headerKid()).contains("k-current");
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }
    }

    @Nested
    class Ordering {
        private final long expired = NOW.getEpochSecond() - 3600;

        @Test
        void expiredAndBadlySignedIsInvalidSignature() {
            String token = sign(HS256_JWT, claims(expired - 30, expired), STRANGER);

            TokenCheck.Refused refused = refused(token);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void algNoneAndExpiredIsUnsupportedAlgorithm() {
            String token = b64("{\"alg\":\"none\"}") + "." + b64(claims(expired - 30, expired)) + ".";

            assertRefused(token, ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void expiredWithAValidSignatureIsTokenExpiredWithTheVerifiedIat() {
            String token = sign("{\"alg\":\"HS256\",\"kid\":\"k-current\"}", claims(expired - 30, expired), CURRENT);

            TokenCheck.Refused refused = refused(token);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
            assertThat(refused.refusal().claim()).contains("exp");
            assertThat(refused.verifiedIssuedAt()).contains(java.time.Instant.ofEpochSecond(expired - 30));
            assertThat(refused.headerKid()).contains("k-current");
        }

        @Test
        void nimbusMintedExpiredTokenIsTokenExpired() {
            String token = nimbus(nimbusHs256().build(), nimbusClaims(NOW.minusSeconds(120), NOW.minusSeconds(90)),
                    CURRENT.keyBytes());

            TokenCheck.Refused refused = refused(token);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
            assertThat(refused.verifiedIssuedAt()).contains(NOW.minusSeconds(120));
        }

        @Test
        void invalidSignatureCarriesTheHeaderKidButNeverTheIat() {
            String token = sign("{\"alg\":\"HS256\",\"kid\":\"k-current\"}", claims(), STRANGER);

            TokenCheck.Refused refused = refused(token);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
            assertThat(refused.headerKid()).contains("k-current");
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void headerRefusalsCarryTheHeaderKid() {
            TokenCheck.Refused refused = refused(sign("{\"alg\":\"HS512\",\"kid\":\"k-x\"}", claims(), CURRENT));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.UNSUPPORTED_ALGORITHM);
            assertThat(refused.headerKid()).contains("k-x");
        }

        @Test
        void formRefusalsCarryNoDiagnostics() {
            TokenCheck.Refused refused = refused("!".repeat(8193));

            assertThat(refused.headerKid()).isEmpty();
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void claimRulesRunOnlyAfterTheSignature() {
            String token = sign(HS256_JWT, "{\"exp\":" + (NOW.getEpochSecond() + 30) + "}", STRANGER);

            assertRefused(token, ErrorCode.INVALID_SIGNATURE);
        }

        @Test
        void claimRefusalsComeFromTheTokenRules() {
            TokenCheck.Refused refused = refused(sign(HS256_JWT, "{\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                    + (NOW.getEpochSecond() + 30) + "}", CURRENT));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.MISSING_CLAIM);
            assertThat(refused.refusal().claim()).contains("id");
            assertThat(refused.verifiedIssuedAt()).contains(NOW);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Robustness {
        @Test
        void neverThrowsAndAgreesWithInspectOnMutatedTokens() {
            java.util.Random random = new java.util.Random(20260301);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"";
            String base = valid();
            for (int i = 0; i < 3000; i++) {
                StringBuilder token = new StringBuilder(base);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(token.length());
                    switch (random.nextInt(3)) {
                        case 0 -> token.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 1 -> token.deleteCharAt(at);
                        default -> token.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                assertSameVerdict(token.toString());
            }
        }

        @Test
        void neverThrowsOnEveryPrefix() {
            String base = valid();
            for (int end = 0; end <= base.length(); end++) {
                assertSameVerdict(base.substring(0, end));
            }
        }

        @Test
        void isSafeToShareBetweenThreads() throws Exception {
            List<String> tokens = List.of(valid(), nimbus(nimbusHs256().build(), GRACE), nimbus(nimbusHs256().build(), OLD),
                    sign(HS256_JWT, claims(), STRANGER), "!".repeat(9000));
            List<Optional<ErrorCode>> expected = tokens.stream().map(StrictJwsCodecTest::codeOf).toList();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            for (int k = 0; k < tokens.size(); k++) {
                                if (!codeOf(tokens.get(k)).equals(expected.get(k))) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }));
                }
                for (java.util.concurrent.Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void assertSameVerdict(String token) {
            TokenCheck check = VERIFIER.verify(request(token));
            var inspection = VERIFIER.inspect(request(token));
            Optional<?> refusal = check instanceof TokenCheck.Refused r ? Optional.of(r.refusal()) : Optional.empty();
            assertThat(inspection.refusal()).as(token).isEqualTo(refusal);
        }
    }

    private static Optional<ErrorCode> codeOf(String token) {
        TokenCheck check = VERIFIER.verify(request(token));
        return check instanceof TokenCheck.Refused r ? Optional.of(r.refusal().code()) : Optional.empty();
    }

    /** The same segment with its final character's unused low bits set: lenient decoders read the same bytes. */
    static String withNonCanonicalLastCharacter(String segment) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(segment.charAt(segment.length() - 1));
        int unusedBits = segment.length() % 4 == 2 ? 0x0F : 0x03;
        assertThat(value & unusedBits).isZero();
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(value | 1);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
