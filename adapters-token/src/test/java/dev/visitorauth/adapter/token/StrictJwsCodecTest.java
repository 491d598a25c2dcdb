package dev.visitorauth.adapter.token;

import static dev.visitorauth.adapter.token.TestTokens.CURRENT;
import static dev.visitorauth.adapter.token.TestTokens.GRACE;
import static dev.visitorauth.adapter.token.TestTokens.K_CURRENT;
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
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.token.JsonSyntaxException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the token adapter owns: strict base64url and strict JSON of real tokens, the HMAC over
 * exactly the bytes sent, the known-header shortcut, tokens minted by real libraries, and
 * robustness. Every rule (size, form, header, key choice, signature length, ordering, diagnostics)
 * is the domain's and tested once there ({@code VisitorTokenVerificationTest}); the
 * {@link EndToEnd} group keeps one token per rule family through the real codec, to prove the codec
 * and the domain agree. Public-key signatures: {@link PublicKeySignaturesTest}.
 */
class StrictJwsCodecTest {
    private static final String HS256_JWT = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final StrictJwsCodec VERIFIER = new StrictJwsCodec();

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
    class Base64url {
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

        @ParameterizedTest(name = "{0} bytes")
        @ValueSource(ints = {0, 1, 16, 31, 33, 48, 64})
        void decodesAnHs256SignatureOnlyOfExactly32Bytes(int bytes) {
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

        @Test
        void refusesAByteOrderMarkBeforeTheHeader() {
            byte[] header = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, HS256_JWT.getBytes(StandardCharsets.UTF_8));

            assertRefused(TestTokens.signRaw(header, claims().getBytes(StandardCharsets.UTF_8), CURRENT), ErrorCode.MALFORMED_TOKEN);
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

            TokenCheck.Refused refused = refused(sign(HS256_JWT, payload, CURRENT));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.MALFORMED_TOKEN);
            assertThat(refused.refusal().message()).contains(JsonSyntaxException.Failure.NESTED_TOO_DEEP.phrase());
        }
    }

    @Nested
    class Hmac {
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
        void macsExactlyTheBytesSentNotTheJsonTheyMean() {
            String spaced = sign("{ \"alg\":\"HS256\" }", claims(), CURRENT);
            String[] parts = segments(spaced);
            String respelled = b64("{\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2];

            assertThat(verified(spaced).keyId()).isEqualTo(K_CURRENT);
            assertRefused(respelled, ErrorCode.INVALID_SIGNATURE);
        }

        @Test
        void refusesASignatureOfTheRightLengthByAnotherSecret() {
            String[] parts = segments(sign(HS256_JWT, claims(), STRANGER));
            assertThat(java.util.Base64.getUrlDecoder().decode(parts[2])).hasSize(32);

            assertRefused(String.join(".", parts), ErrorCode.INVALID_SIGNATURE);
        }

        @Test
        void keysTheMacWithTheSecretsUtf8Bytes() {
            String token = nimbus(nimbusHs256().build(), nimbusClaims(NOW, NOW.plusSeconds(30)),
                    CURRENT.reveal().getBytes(StandardCharsets.UTF_8));

            assertThat(verified(token).keyId()).isEqualTo(K_CURRENT);
        }
    }

    @Nested
    class KnownHeaders {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", "{\"alg\":\"HS256\"}"})
        void aHeaderCommonLibrariesWriteDecodesToWhatTheParserReads(String header) throws JsonSyntaxException {
            byte[] segment = b64(header).getBytes(StandardCharsets.US_ASCII);

            assertThat(VERIFIER.decodeHeader(segment, segment.length))
                    .isEqualTo(StrictJson.parseObject(header.getBytes(StandardCharsets.UTF_8)));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"typ\":\"JWT\",\"alg\":\"HS256\"}", "{\"alg\":\"HS256\"}"})
        void aKnownHeaderGetsTheVerdictOfTheSameHeaderSpelledOtherwise(String header) {
            String known = sign(header, claims(), CURRENT);
            String spelledOtherwise = sign(" " + header, claims(), CURRENT);
            String badlySigned = sign(header, claims(), STRANGER);
            String badlySignedOtherwise = sign(" " + header, claims(), STRANGER);

            assertThat(verified(known).keyId()).isEqualTo(verified(spelledOtherwise).keyId());
            assertThat(refused(badlySigned).refusal().message()).isEqualTo(refused(badlySignedOtherwise).refusal().message());
        }

        @Test
        void aKnownHeaderSegmentWithMoreAfterItIsDecodedNotRecognised() {
            String[] parts = segments(valid());

            assertRefused(parts[0] + "fQ." + parts[1] + "." + parts[2], ErrorCode.MALFORMED_TOKEN);
            assertRefused(parts[0].substring(0, parts[0].length() - 1) + "." + parts[1] + "." + parts[2], ErrorCode.MALFORMED_TOKEN);
        }
    }

    /** One token per rule family through the real codec: the codec and the domain's rules agree. */
    @Nested
    class EndToEnd {
        @Test
        void endToEndSizeAValidTokenPaddedOverEightKibIsTokenTooLarge() {
            String token = sign(HS256_JWT, "{\"id\":\"" + USER + "\",\"pad\":\"" + "x".repeat(6200) + "\",\"exp\":"
                    + (NOW.getEpochSecond() + 30) + "}", CURRENT);
            assertThat(token.length()).isGreaterThan(8192);

            assertRefused(token, ErrorCode.TOKEN_TOO_LARGE);
        }

        @Test
        void endToEndFormAJweMintedByNimbusIsMalformed() throws JOSEException {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(claims()));
            jwe.encrypt(new DirectEncrypter(new byte[32]));

            TokenCheck.Refused refused = refused(jwe.serialize());

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.MALFORMED_TOKEN);
            assertThat(refused.refusal().message()).contains("JWE");
        }

        @Test
        void endToEndAlgAnRs256TokenMintedByNimbusIsUnsupportedWithoutPublicKeys() throws JOSEException {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), nimbusClaims(NOW, NOW.plusSeconds(30)));
            jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

            assertRefused(jwt.serialize(), ErrorCode.UNSUPPORTED_ALGORITHM, "alg");
        }

        @Test
        void endToEndMembersAJkuMintedByNimbusIsUnsupportedNamingIt() {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).jwkURL(URI.create("https://attacker.example/jwks.json")).build();

            assertRefused(nimbus(header, CURRENT), ErrorCode.UNSUPPORTED_TOKEN, "jku");
        }

        @Test
        void endToEndTypJoseMintedByNimbusIsUnsupported() {
            assertRefused(nimbus(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JOSE).build(), CURRENT),
                    ErrorCode.UNSUPPORTED_TOKEN, "typ");
        }

        @Test
        void endToEndKeyChoiceAnUnknownKidIsUnknownKeyAndReported() {
            TokenCheck.Refused refused = refused(nimbus(nimbusHs256().keyID("k-unknown").build(), CURRENT));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
            assertThat(refused.headerKid()).contains("k-unknown");
        }

        @Test
        void endToEndSignatureWithoutKidATokenByARotatedOutSecretIsSecretRotated() {
            assertRefused(nimbus(nimbusHs256().build(), OLD), ErrorCode.SECRET_ROTATED);
        }

        @Test
        void endToEndOrderingAnExpiredNimbusTokenIsTokenExpiredWithItsVerifiedIat() {
            String token = nimbus(nimbusHs256().build(), nimbusClaims(NOW.minusSeconds(120), NOW.minusSeconds(90)),
                    CURRENT.keyBytes());

            TokenCheck.Refused refused = refused(token);

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
            assertThat(refused.verifiedIssuedAt()).contains(NOW.minusSeconds(120));
        }
    }

    /**
     * Nothing catches a bug: an exception out of the codec or the rules fails these tests.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Robustness {
        @Test
        void neverThrowsAndAgreesWithInspectOnMutatedTokens() {
            java.util.Random random = new java.util.Random(20260301);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"";
            String base = valid();
            assertThat(codeOf(base)).as("the unmutated token verifies").isEmpty();
            java.util.Set<Optional<ErrorCode>> verdicts = new java.util.HashSet<>();
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
                verdicts.add(codeOf(token.toString()));
            }
            // A verifier that refused everything with one code would agree with itself: it must not pass.
            assertThat(verdicts).as("mutations meet several rules").hasSizeGreaterThan(3);
        }

        @Test
        void neverThrowsOnEveryPrefix() {
            String base = valid();
            for (int end = 0; end <= base.length(); end++) {
                assertSameVerdict(base.substring(0, end));
            }
            assertThat(codeOf(base)).as("the whole token verifies").isEmpty();
            assertThat(codeOf(base.substring(0, base.length() - 1))).contains(ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void neverThrowsOnSignedHeadersAndPayloadsOfEveryByte() {
            for (int b = 0; b < 256; b++) {
                byte[] odd = {'{', '"', 'x', '"', ':', '"', (byte) b, '"', '}'};
                assertSameVerdict(TestTokens.signRaw(odd, claims().getBytes(StandardCharsets.UTF_8), CURRENT));
                assertSameVerdict(TestTokens.signRaw(HS256_JWT.getBytes(StandardCharsets.UTF_8), odd, CURRENT));
            }
        }

        @Test
        void isSafeToShareBetweenThreads() throws Exception {
            List<String> tokens = List.of(valid(), nimbus(nimbusHs256().build(), GRACE), nimbus(nimbusHs256().build(), OLD),
                    sign(HS256_JWT, claims(), STRANGER), "!".repeat(9000));
            List<Optional<ErrorCode>> expected = List.of(Optional.empty(), Optional.empty(), Optional.of(ErrorCode.SECRET_ROTATED),
                    Optional.of(ErrorCode.INVALID_SIGNATURE), Optional.of(ErrorCode.TOKEN_TOO_LARGE));
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
            TokenInspection inspection = VERIFIER.inspect(request(token));
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
