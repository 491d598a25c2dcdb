package dev.visitorauth.adapter.token;

import static dev.visitorauth.adapter.token.TestTokens.CURRENT;
import static dev.visitorauth.adapter.token.TestTokens.GRACE;
import static dev.visitorauth.adapter.token.TestTokens.K_CURRENT;
import static dev.visitorauth.adapter.token.TestTokens.NOW;
import static dev.visitorauth.adapter.token.TestTokens.OLD;
import static dev.visitorauth.adapter.token.TestTokens.STRANGER;
import static dev.visitorauth.adapter.token.TestTokens.USER;
import static dev.visitorauth.adapter.token.TestTokens.claims;
import static dev.visitorauth.adapter.token.TestTokens.nimbus;
import static dev.visitorauth.adapter.token.TestTokens.nimbusClaims;
import static dev.visitorauth.adapter.token.TestTokens.nimbusHs256;
import static dev.visitorauth.adapter.token.TestTokens.request;
import static dev.visitorauth.adapter.token.TestTokens.segments;
import static dev.visitorauth.adapter.token.TestTokens.sign;
import static dev.visitorauth.adapter.token.TestTokens.valid;
import static dev.visitorauth.testing.VisitorTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.token.JsonSyntaxException;
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
 * is the domain's and tested once there ({@code VisitorTokenVerificationTest}); each rule family
 * through the real codec and the whole server is {@code ErrorContract}'s. Public-key signatures:
 * {@link PublicKeySignaturesTest}.
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

    /**
     * Each segment goes through the strict decoders: their rules are {@link StrictBase64UrlTest}'s and
     * {@link StrictJsonTest}'s; here only that the codec uses them for the header, the payload and the
     * signature.
     */
    @Nested
    class StrictSegments {
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

        /** The domain asks for a signature of the length its algorithm and key give (an HS256 MAC: 32 bytes; ES256: 64, not DER). */
        @ParameterizedTest(name = "{0} bytes into 32")
        @ValueSource(ints = {0, 1, 31, 33, 64, 72})
        void decodesASignatureOnlyOfExactlyTheLengthAsked(int bytes) {
            byte[] ascii = b64(new byte[bytes]).getBytes(StandardCharsets.US_ASCII);
            byte[] exact = b64(new byte[32]).getBytes(StandardCharsets.US_ASCII);

            assertThat(VERIFIER.decodeSignature(ascii, 0, ascii.length, new byte[32])).isFalse();
            assertThat(VERIFIER.decodeSignature(exact, 0, exact.length, new byte[32])).isTrue();
        }

        @Test
        void refusesADuplicateKidThatWouldPickAnotherSecret() {
            assertRefused(sign("{\"alg\":\"HS256\",\"kid\":\"k-current\",\"kid\":\"k-old\"}", claims(), CURRENT),
                    ErrorCode.MALFORMED_TOKEN);
        }

        @Test
        void refusesADuplicateClaimEvenWhenSigned() {
            String payload = "{\"id\":\"user-42\",\"id\":\"admin\",\"exp\":" + (NOW.getEpochSecond() + 30) + "}";

            assertRefused(sign(HS256_JWT, payload, CURRENT), ErrorCode.MALFORMED_TOKEN);
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
}
