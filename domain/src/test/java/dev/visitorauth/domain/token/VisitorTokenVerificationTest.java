package dev.visitorauth.domain.token;

import static dev.visitorauth.domain.token.Json.nul;
import static dev.visitorauth.domain.token.Json.obj;
import static dev.visitorauth.domain.token.TokenPayloads.NOW;
import static dev.visitorauth.domain.token.TokenPayloads.NOW_SECONDS;
import static dev.visitorauth.domain.token.TokenPayloads.aValidPayload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of spec sections 3 and 12 that come before the claims, each tested once, here:
 * {@link VisitorTokenVerification} run over a {@link FakeJwsCodec} (JDK base64url, registered JSON,
 * a real HMAC, a fake public-key signature). Decoding strictness and real signatures are the token
 * adapter's tests; the time and claim rules are {@link VisitorTokenRulesTest}'s; the key-choice
 * rule is {@code KeyChoiceTest}'s.
 *
 * <p>Every verification runs twice, without and with a recording {@link RuleTrace}, and must reach
 * the same verdict, with only the last recorded check failing.
 */
class VisitorTokenVerificationTest {
    private static final WidgetId WIDGET = new WidgetId("wgt_demo");
    private static final AuthenticationPolicy POLICY = AuthenticationPolicy.defaults();

    private static final SecretValue CURRENT = SecretValue.of("cUrReNt-0123456789_abcdefghijklmnopqrstuvwxyz");
    private static final SecretValue GRACE = SecretValue.of("gRaCe-0123456789_abcdefghijklmnopqrstuvwxyzAB");
    private static final SecretValue OLD = SecretValue.of("oLd-0123456789_abcdefghijklmnopqrstuvwxyzABCD");
    private static final SecretValue STRANGER = SecretValue.of("sTrAnGeR-0123456789_abcdefghijklmnopqrstuvwxy");
    private static final KeyId K_CURRENT = new KeyId("k-current");
    private static final KeyId K_GRACE = new KeyId("k-grace");
    private static final KeyId K_OLD = new KeyId("k-old");

    /** k-old rotated out two days ago with no grace; k-grace a minute ago with an hour of grace; k-current current. */
    private static final WidgetKeyring SECRETS = WidgetKeyring.create(WIDGET, K_OLD, OLD, NOW.minus(Duration.ofDays(30)))
            .rotate(K_GRACE, GRACE, Duration.ZERO, NOW.minus(Duration.ofDays(2)))
            .rotate(K_CURRENT, CURRENT, Duration.ofHours(1), NOW.minusSeconds(60));

    private static final WidgetPublicKey EC = publicKey("ec-1", WidgetPublicKey.KeyType.EC, 256, TokenAlgorithm.ES256);
    private static final WidgetPublicKey RSA = publicKey("rsa-1", WidgetPublicKey.KeyType.RSA, 2048,
            TokenAlgorithm.RS256, TokenAlgorithm.PS256);
    private static final WidgetPublicKey RSA_3072 = publicKey("rsa-3072", WidgetPublicKey.KeyType.RSA, 3072, TokenAlgorithm.RS256);
    private static final WidgetPublicKey ED = publicKey("ed-1", WidgetPublicKey.KeyType.OKP, 256, TokenAlgorithm.EDDSA);
    /** Not in any keyring: a key pair the widget does not know. */
    private static final WidgetPublicKey EC_STRANGER = publicKey("ec-1", WidgetPublicKey.KeyType.EC, 256, "-stranger",
            TokenAlgorithm.ES256);

    /** The secrets, plus uploaded EC, RSA 2048, RSA 3072 and Ed25519 keys. */
    private static final WidgetKeyring WITH_PUBLIC_KEYS = SECRETS.withPublicKey(EC).orElseThrow()
            .withPublicKey(RSA).orElseThrow().withPublicKey(RSA_3072).orElseThrow().withPublicKey(ED).orElseThrow();

    private final FakeJwsCodec codec = new FakeJwsCodec();

    private static WidgetPublicKey publicKey(String kid, WidgetPublicKey.KeyType type, int bits, TokenAlgorithm... algorithms) {
        return publicKey(kid, type, bits, "", algorithms);
    }

    /** A public key whose JWK text (the fake codec's key material) differs by {@code variant}. */
    private static WidgetPublicKey publicKey(String kid, WidgetPublicKey.KeyType type, int bits, String variant,
                                             TokenAlgorithm... algorithms) {
        String jwk = "{\"kty\":\"" + type.kty() + "\",\"kid\":\"" + kid + "\",\"x\":\"" + kid + variant
                + "-0123456789abcdefghijklmnopqrstuvwxyz\"}";
        return new WidgetPublicKey(new KeyId(kid), type, Set.of(algorithms), bits, jwk, NOW.minus(Duration.ofDays(1)),
                WidgetPublicKey.Origin.UPLOADED);
    }

    // ---- tokens ----

    private String header(Object... members) {
        return codec.segment(obj(members));
    }

    private String payload(TokenPayloads payload) {
        return codec.segment(payload.build());
    }

    private String validPayload() {
        return payload(aValidPayload());
    }

    private static String hs256(String header, String payload, SecretValue secret) {
        String signingInput = header + "." + payload;
        return signingInput + "." + FakeJwsCodec.hmac(secret, signingInput);
    }

    /** A valid payload under a header of these members, HMAC'd with the current secret. */
    private String withHeader(Object... members) {
        return hs256(header(members), validPayload(), CURRENT);
    }

    private String hs256(SecretValue secret, Object... headerMembers) {
        return hs256(header(headerMembers), validPayload(), secret);
    }

    private String signedBy(WidgetPublicKey key, TokenAlgorithm algorithm, Object... headerMembers) {
        String signingInput = header(headerMembers) + "." + validPayload();
        return signingInput + "." + FakeJwsCodec.sign(key, algorithm, signingInput);
    }

    private static String[] segments(String token) {
        return token.split("\\.", -1);
    }

    // ---- verdicts ----

    private TokenVerdict verify(String token) {
        return verify(token, SECRETS);
    }

    private TokenVerdict verify(String token, WidgetKeyring keyring) {
        TokenVerdict verdict = VisitorTokenVerification.verify(token, WIDGET, POLICY, keyring, NOW, codec, RuleTrace.NONE);
        Recorder recorder = new Recorder();
        TokenVerdict traced = VisitorTokenVerification.verify(token, WIDGET, POLICY, keyring, NOW, codec, recorder);
        assertSameVerdict(traced, verdict);
        assertThat(recorder.checks).as("checks recorded").isNotEmpty();
        for (int i = 0; i < recorder.checks.size() - 1; i++) {
            assertThat(recorder.passed.get(i)).as("check %s before the last", recorder.checks.get(i)).isTrue();
        }
        assertThat(recorder.passed.get(recorder.passed.size() - 1)).as("the last check, %s", recorder.checks)
                .isEqualTo(verdict instanceof TokenVerdict.Accepted);
        return verdict;
    }

    private static void assertSameVerdict(TokenVerdict traced, TokenVerdict verdict) {
        if (verdict instanceof TokenVerdict.Accepted accepted) {
            assertThat(traced).isEqualTo(accepted);
            return;
        }
        TokenVerdict.Refused refused = (TokenVerdict.Refused) verdict;
        assertThat(traced).isInstanceOfSatisfying(TokenVerdict.Refused.class, other -> {
            assertThat(other.refusal().code()).isEqualTo(refused.refusal().code());
            assertThat(other.refusal().claim()).isEqualTo(refused.refusal().claim());
            assertThat(other.refusal().message()).isEqualTo(refused.refusal().message());
            assertThat(other.headerKid()).isEqualTo(refused.headerKid());
            assertThat(other.verifiedIssuedAt()).isEqualTo(refused.verifiedIssuedAt());
        });
    }

    private TokenVerdict.Accepted accepted(String token) {
        return accepted(token, SECRETS);
    }

    private TokenVerdict.Accepted accepted(String token, WidgetKeyring keyring) {
        TokenVerdict verdict = verify(token, keyring);
        assertThat(verdict).as("accepted").isInstanceOf(TokenVerdict.Accepted.class);
        return (TokenVerdict.Accepted) verdict;
    }

    private TokenVerdict.Refused refused(String token) {
        return refused(token, SECRETS);
    }

    private TokenVerdict.Refused refused(String token, WidgetKeyring keyring) {
        TokenVerdict verdict = verify(token, keyring);
        assertThat(verdict).as("refused").isInstanceOf(TokenVerdict.Refused.class);
        return (TokenVerdict.Refused) verdict;
    }

    /** Refused with exactly this refusal of {@link TokenRefusals}. */
    private TokenVerdict.Refused refusedWith(String token, Refusal expected) {
        return refusedWith(token, SECRETS, expected);
    }

    private TokenVerdict.Refused refusedWith(String token, WidgetKeyring keyring, Refusal expected) {
        TokenVerdict.Refused refused = refused(token, keyring);
        assertThat(refused.refusal()).as("%s: %s", refused.refusal().code(), refused.refusal().message()).isSameAs(expected);
        return refused;
    }

    private TokenVerdict.Refused refusedWith(String token, ErrorCode code, String claim) {
        return refusedWith(token, SECRETS, code, claim);
    }

    private TokenVerdict.Refused refusedWith(String token, WidgetKeyring keyring, ErrorCode code, String claim) {
        TokenVerdict.Refused refused = refused(token, keyring);
        assertThat(refused.refusal().code()).as(refused.refusal().message()).isEqualTo(code);
        assertThat(refused.refusal().claim()).as(refused.refusal().message()).isEqualTo(Optional.ofNullable(claim));
        return refused;
    }

    /** Records each check, as the token inspector does. */
    private static final class Recorder implements RuleTrace {
        final List<String> checks = new ArrayList<>();
        final List<Boolean> passed = new ArrayList<>();

        @Override
        public void record(String check, boolean ok, String detail) {
            checks.add(check);
            passed.add(ok);
        }
    }

    @Test
    void aValidHs256TokenIsAcceptedWithTheIdentityItAssertsAndTheSecretThatVerifiedIt() {
        TokenVerdict.Accepted accepted = accepted(hs256(CURRENT, "alg", "HS256", "typ", "JWT"));

        assertThat(accepted.identity().externalId().value()).isEqualTo("user-42");
        assertThat(accepted.identity().expiresAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(accepted.keyId()).isEqualTo(K_CURRENT);
    }

    @Nested
    class Size {
        @Test
        void overEightKibIsTokenTooLargeBeforeAnythingIsDecoded() {
            refusedWith("!".repeat(8193), TokenRefusals.TOO_LARGE);
        }

        @Test
        void aValidTokenOfExactlyEightKibIsAcceptedAndOneByteMoreIsTokenTooLarge() {
            assertThat(accepted(paddedTo(8192)).keyId()).isEqualTo(K_CURRENT);
            refusedWith(paddedTo(8193), TokenRefusals.TOO_LARGE);
        }

        @Test
        void theLimitCountsUtf8BytesNotCharacters() {
            String twoBytesEach = "é".repeat(4097);
            assertThat(twoBytesEach.length()).isLessThan(8192);

            refusedWith(twoBytesEach, TokenRefusals.TOO_LARGE);
            refusedWith("é".repeat(4096), TokenRefusals.NOT_ASCII);
        }

        /** A valid token of exactly {@code length} characters, by its pad claim and its header's typ. */
        private String paddedTo(int length) {
            int unpadded = hs256(header("alg", "HS256"), payload(aValidPayload().with("pad", "")), CURRENT).length();
            int estimate = (length - unpadded) * 3 / 4;
            for (int pad = Math.max(0, estimate - 8); pad < estimate + 8; pad++) {
                for (boolean typ : new boolean[] {false, true}) {
                    String header = typ ? header("alg", "HS256", "typ", "JWT") : header("alg", "HS256");
                    String token = hs256(header, payload(aValidPayload().with("pad", "x".repeat(pad))), CURRENT);
                    if (token.length() == length) {
                        return token;
                    }
                }
            }
            throw new AssertionError("no valid token of " + length + " characters");
        }
    }

    @Nested
    class Form {
        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "a.b.c.d.e.f", "."})
        void anythingButThreeSegmentsIsMalformed(String token) {
            refusedWith(token, TokenRefusals.NOT_THREE_SEGMENTS);
        }

        @Test
        void fiveSegmentsIsAJweAndMalformed() {
            refusedWith(withHeader("alg", "HS256") + ".e30.e30", TokenRefusals.JWE);
        }

        @Test
        void theJsonSerializationIsMalformedEvenWithDotsInside() {
            String[] parts = segments(withHeader("alg", "HS256"));
            refusedWith("{\"payload\":\"" + parts[1] + "\",\"protected\":\"" + parts[0] + "\",\"signature\":\"" + parts[2] + "\"}",
                    TokenRefusals.JSON_SERIALIZATION);
            refusedWith("{\"payload\":\"a.b\",\"signatures\":[{\"protected\":\"c\",\"signature\":\"d\"}]}",
                    TokenRefusals.JSON_SERIALIZATION);
        }

        @Test
        void anEmptyHeaderSegmentIsMalformed() {
            String[] parts = segments(withHeader("alg", "HS256"));
            refusedWith("." + parts[1] + "." + parts[2], TokenRefusals.EMPTY_HEADER);
            refusedWith("..", TokenRefusals.EMPTY_HEADER);
        }

        @Test
        void anEmptyPayloadSegmentIsMalformed() {
            String[] parts = segments(withHeader("alg", "HS256"));
            refusedWith(parts[0] + ".." + parts[2], TokenRefusals.EMPTY_PAYLOAD);
        }

        @ParameterizedTest(name = "segment {0}")
        @ValueSource(ints = {0, 1, 2})
        void aNonAsciiCharacterInAnySegmentIsMalformed(int segment) {
            String[] parts = segments(withHeader("alg", "HS256"));
            parts[segment] = parts[segment] + "é";

            refusedWith(String.join(".", parts), TokenRefusals.NOT_ASCII);
        }

        @Test
        void aHeaderThatIsNotBase64urlIsMalformed() {
            String[] parts = segments(withHeader("alg", "HS256"));
            refusedWith("!!!!." + parts[1] + "." + parts[2], TokenRefusals.HEADER_NOT_BASE64URL);
        }

        @Test
        void aPayloadThatIsNotBase64urlIsMalformed() {
            String[] parts = segments(withHeader("alg", "HS256"));
            refusedWith(parts[0] + ".!!!!." + parts[2], TokenRefusals.PAYLOAD_NOT_BASE64URL);
        }

        @ParameterizedTest
        @EnumSource(JsonSyntaxException.Failure.class)
        void aHeaderThatIsNotAStrictJsonObjectIsMalformedSayingWhy(JsonSyntaxException.Failure failure) {
            TokenVerdict.Refused refused = refusedWith(hs256(codec.notJson(failure), validPayload(), CURRENT),
                    TokenRefusals.json(true, failure));

            assertThat(refused.refusal().code()).isEqualTo(ErrorCode.MALFORMED_TOKEN);
            assertThat(refused.refusal().message()).startsWith("The token's header ").contains(failure.phrase());
            assertThat(refused.headerKid()).isEmpty();
        }

        @Test
        void thePayloadsEncodingIsCheckedBeforeTheHeadersJson() {
            String token = codec.notJson(JsonSyntaxException.Failure.DUPLICATE_MEMBER) + ".!!!!." + "A".repeat(43);

            refusedWith(token, TokenRefusals.PAYLOAD_NOT_BASE64URL);
        }
    }

    @Nested
    class Alg {
        static Stream<Object> notAString() {
            return Stream.of(nul(), 256, List.of("HS256"), Map.of("name", "HS256"), true);
        }

        @ParameterizedTest
        @MethodSource("notAString")
        void anAlgThatIsNotAStringIsMalformed(Object alg) {
            refusedWith(withHeader("alg", alg), TokenRefusals.NO_ALG);
        }

        @Test
        void aHeaderWithoutAlgIsMalformed() {
            refusedWith(withHeader(), TokenRefusals.NO_ALG);
            refusedWith(withHeader("typ", "JWT", "kid", "k-current"), TokenRefusals.NO_ALG);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"none", "None", "NONE", "nOnE", "HS384", "HS512", "RS256", "PS256", "ES256", "EdDSA", "RS384",
                "hs256", "Hs256", "HS256 ", " HS256", "HS-256", "HMAC-SHA256", ""})
        void onlyHs256ExactlyIsAcceptedWhenTheWidgetHasNoPublicKeys(String alg) {
            refusedWith(withHeader("alg", alg), TokenRefusals.WRONG_ALG);
        }

        @Test
        void algNoneIsRefusedWhateverItsSignatureSegment() {
            String unsigned = header("alg", "none") + "." + validPayload() + ".";

            refusedWith(unsigned, TokenRefusals.WRONG_ALG);
            refusedWith(unsigned + "!!", TokenRefusals.WRONG_ALG);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"none", "HS384", "RS384", "ES384", "es256", "EDDSA"})
        void withPublicKeysAnAlgNoneOfOursIsUnsupportedNamingTheAsymmetricOnes(String alg) {
            TokenVerdict.Refused refused = refusedWith(withHeader("alg", alg), WITH_PUBLIC_KEYS,
                    TokenRefusals.WRONG_ALG_WITH_PUBLIC_KEYS);

            assertThat(refused.refusal().message()).contains("ES256", "EdDSA");
        }
    }

    @Nested
    class HeaderMembers {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"crit", "b64", "cty", "zip", "jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256", "enc", "ALG", "Kid",
                "whatever"})
        void anyMemberButAlgTypAndKidIsUnsupportedNamingIt(String member) {
            TokenVerdict.Refused refused = refusedWith(withHeader("alg", "HS256", member, "x"), ErrorCode.UNSUPPORTED_TOKEN, member);

            assertThat(refused.refusal().message()).contains("\"" + member + "\"");
        }

        @Test
        void theFirstOtherMemberInDocumentOrderIsTheOneNamed() {
            refusedWith(withHeader("alg", "HS256", "jku", "x", "crit", List.of()), ErrorCode.UNSUPPORTED_TOKEN, "jku");
            refusedWith(withHeader("crit", List.of(), "alg", "HS256", "jku", "x"), ErrorCode.UNSUPPORTED_TOKEN, "crit");
        }

        @Test
        void aLongMemberNameIsCutShortWhenNamed() {
            TokenVerdict.Refused refused = refusedWith(withHeader("alg", "HS256", "x".repeat(500), 1),
                    ErrorCode.UNSUPPORTED_TOKEN, "x".repeat(64) + "...");

            assertThat(refused.refusal().message()).doesNotContain("x".repeat(65));
        }

        @Test
        void aMemberNameWithControlCharactersIsMaskedWhenNamed() {
            refusedWith(withHeader("alg", "HS256", "a\u0000b\nc", 1), ErrorCode.UNSUPPORTED_TOKEN, "a?b?c");
        }

        @Test
        void algsValueComesBeforeTheMemberAllowlist() {
            refusedWith(withHeader("alg", "none", "crit", List.of()), TokenRefusals.WRONG_ALG);
        }

        @Test
        void algsPresenceComesBeforeTheMemberAllowlist() {
            refusedWith(withHeader("crit", List.of(), "typ", "JOSE"), TokenRefusals.NO_ALG);
        }
    }

    @Nested
    class Typ {
        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"JWT", "jwt", "Jwt", "jWt", "JWt"})
        void typJwtInAnyAsciiCaseIsAccepted(String typ) {
            assertThat(accepted(withHeader("alg", "HS256", "typ", typ)).keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void anAbsentTypIsAccepted() {
            assertThat(accepted(withHeader("alg", "HS256")).keyId()).isEqualTo(K_CURRENT);
        }

        static Stream<Object> otherTyps() {
            return Stream.of("JOSE", "application/jwt", "JWS", "", "JWT ", " JWT", "JWTT", "ｊwt", nul(), 1, List.of("JWT"), true);
        }

        @ParameterizedTest
        @MethodSource("otherTyps")
        void anyOtherTypIsUnsupported(Object typ) {
            refusedWith(withHeader("alg", "HS256", "typ", typ), TokenRefusals.WRONG_TYP);
        }

        @Test
        void theMemberAllowlistComesBeforeTyp() {
            refusedWith(withHeader("typ", "JOSE", "alg", "HS256", "zip", "DEF"), ErrorCode.UNSUPPORTED_TOKEN, "zip");
        }

        @Test
        void typComesBeforeKid() {
            refusedWith(withHeader("alg", "HS256", "typ", "JOSE", "kid", 5), TokenRefusals.WRONG_TYP);
        }
    }

    @Nested
    class Kid {
        static Stream<Object> notAString() {
            return Stream.of(1, nul(), List.of("k-current"), Map.of("id", "k-current"), true);
        }

        @ParameterizedTest
        @MethodSource("notAString")
        void aKidThatIsNotAStringIsMalformedAndNotReported(Object kid) {
            TokenVerdict.Refused refused = refusedWith(withHeader("alg", "HS256", "kid", kid), TokenRefusals.KID_NOT_STRING);

            assertThat(refused.headerKid()).isEmpty();
        }
    }

    @Nested
    class Hs256Signature {
        @ParameterizedTest(name = "{0} bytes")
        @ValueSource(ints = {0, 1, 16, 31, 33, 48, 64})
        void aMacThatIsNot32BytesIsMalformedNotInvalid(int bytes) {
            String[] parts = segments(withHeader("alg", "HS256"));
            byte[] mac = Base64.getUrlDecoder().decode(parts[2]);
            String signature = FakeJwsCodec.b64(java.util.Arrays.copyOf(mac, bytes));

            refusedWith(parts[0] + "." + parts[1] + "." + signature, TokenRefusals.HMAC_MALFORMED);
        }

        @Test
        void aSignatureTheCodecCannotDecodeIsMalformed() {
            String[] parts = segments(withHeader("alg", "HS256"));

            refusedWith(parts[0] + "." + parts[1] + "." + parts[2] + "=", TokenRefusals.HMAC_MALFORMED);
            refusedWith(parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "!", TokenRefusals.HMAC_MALFORMED);
        }

        @Test
        void withoutAKidASignatureByNoSecretOfTheWidgetIsInvalidSignature() {
            refusedWith(hs256(STRANGER, "alg", "HS256"), TokenRefusals.BAD_HMAC);
        }
    }

    @Nested
    class Payload {
        @ParameterizedTest
        @EnumSource(JsonSyntaxException.Failure.class)
        void aSignedPayloadThatIsNotAStrictJsonObjectIsMalformedKeepingTheKidButNoIat(JsonSyntaxException.Failure failure) {
            String token = hs256(header("alg", "HS256", "kid", "k-current"), codec.notJson(failure), CURRENT);

            TokenVerdict.Refused refused = refusedWith(token, TokenRefusals.json(false, failure));

            assertThat(refused.refusal().message()).startsWith("The token's payload ").contains(failure.phrase());
            assertThat(refused.headerKid()).contains("k-current");
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void thePayloadIsReadOnlyOnceTheSignatureVerified() {
            String token = hs256(header("alg", "HS256"), codec.notJson(JsonSyntaxException.Failure.NESTED_TOO_DEEP), STRANGER);

            refusedWith(token, TokenRefusals.BAD_HMAC);
        }
    }

    @Nested
    class Ordering {
        private final long expired = NOW_SECONDS - 3600;

        private String expiredPayload() {
            return payload(aValidPayload().with("iat", expired - 30).with("exp", expired));
        }

        @Test
        void expiredAndBadlySignedIsInvalidSignatureWithoutIat() {
            TokenVerdict.Refused refused = refusedWith(hs256(header("alg", "HS256"), expiredPayload(), STRANGER),
                    TokenRefusals.BAD_HMAC);

            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void algNoneAndExpiredIsUnsupportedAlgorithm() {
            refusedWith(header("alg", "none") + "." + expiredPayload() + ".", TokenRefusals.WRONG_ALG);
        }

        @Test
        void expiredWithAValidSignatureIsTokenExpiredWithTheKidAndTheVerifiedIat() {
            TokenVerdict.Refused refused = refusedWith(hs256(header("alg", "HS256", "kid", "k-current"), expiredPayload(),
                    CURRENT), ErrorCode.TOKEN_EXPIRED, "exp");

            assertThat(refused.verifiedIssuedAt()).contains(Instant.ofEpochSecond(expired - 30));
            assertThat(refused.headerKid()).contains("k-current");
        }

        @Test
        void theClaimRulesRunOnlyOnceTheSignatureVerified() {
            String noId = payload(aValidPayload().without("id"));

            refusedWith(hs256(header("alg", "HS256"), noId, STRANGER), TokenRefusals.BAD_HMAC);
            TokenVerdict.Refused refused = refusedWith(hs256(header("alg", "HS256"), noId, CURRENT), ErrorCode.MISSING_CLAIM, "id");
            assertThat(refused.verifiedIssuedAt()).contains(NOW);
        }

        @Test
        void anOversizeTokenIsTokenTooLargeWhateverElseIsWrongWithIt() {
            refusedWith(header("alg", "none") + "." + "A".repeat(8192) + ".", TokenRefusals.TOO_LARGE);
        }
    }

    @Nested
    class Diagnostics {
        @Test
        void aRefusedHeaderStillReportsItsKid() {
            TokenVerdict.Refused refused = refusedWith(withHeader("alg", "HS512", "kid", "k-x"), TokenRefusals.WRONG_ALG);

            assertThat(refused.headerKid()).contains("k-x");
        }

        @Test
        void anInvalidSignatureReportsTheKidButNeverTheIat() {
            TokenVerdict.Refused refused = refusedWith(hs256(STRANGER, "alg", "HS256", "kid", "k-current"), TokenRefusals.BAD_HMAC);

            assertThat(refused.headerKid()).contains("k-current");
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void formRefusalsReportNeitherKidNorIat() {
            TokenVerdict.Refused refused = refusedWith("!".repeat(8193), TokenRefusals.TOO_LARGE);

            assertThat(refused.headerKid()).isEmpty();
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void aLongKidIsReportedCutShort() {
            TokenVerdict.Refused refused = refusedWith(withHeader("alg", "HS256", "kid", "k".repeat(300)), ErrorCode.UNKNOWN_KEY, "kid");

            assertThat(refused.headerKid()).contains("k".repeat(64) + "...");
        }

        @Test
        void aKidWithControlCharactersIsReportedMasked() {
            TokenVerdict.Refused refused = refusedWith(withHeader("alg", "HS256", "kid", "a\u0000b\nc"), ErrorCode.UNKNOWN_KEY, "kid");

            assertThat(refused.headerKid()).contains("a?b?c");
        }

        @Test
        void aKidOfSixtyFourPrintableCharactersIsReportedAsItIs() {
            String kid = "k-" + "0123456789".repeat(6) + "ab";
            assertThat(kid).hasSize(64);

            assertThat(refusedWith(withHeader("alg", "HS256", "kid", kid), ErrorCode.UNKNOWN_KEY, "kid").headerKid()).contains(kid);
        }
    }

    @Nested
    class PublicKeys {
        @Test
        void es256WithTheKidOfAnEcKeyIsAccepted() {
            assertThat(accepted(signedBy(EC, TokenAlgorithm.ES256, "alg", "ES256", "kid", "ec-1"), WITH_PUBLIC_KEYS).keyId())
                    .isEqualTo(EC.keyId());
        }

        @Test
        void rs256AndPs256AreAcceptedWithAnRsaKeyThatAllowsBoth() {
            assertThat(accepted(signedBy(RSA, TokenAlgorithm.RS256, "alg", "RS256", "kid", "rsa-1"), WITH_PUBLIC_KEYS).keyId())
                    .isEqualTo(RSA.keyId());
            assertThat(accepted(signedBy(RSA, TokenAlgorithm.PS256, "alg", "PS256", "kid", "rsa-1"), WITH_PUBLIC_KEYS).keyId())
                    .isEqualTo(RSA.keyId());
        }

        @Test
        void edDsaIsAcceptedWithAnEd25519Key() {
            assertThat(accepted(signedBy(ED, TokenAlgorithm.EDDSA, "alg", "EdDSA"), WITH_PUBLIC_KEYS).keyId()).isEqualTo(ED.keyId());
        }

        @Test
        void aKeyReadFromTheJwksUrlVerifies() {
            WidgetPublicKey fetched = new WidgetPublicKey(new KeyId("jwks-1"), WidgetPublicKey.KeyType.EC, Set.of(TokenAlgorithm.ES256),
                    256, "{\"kty\":\"EC\",\"kid\":\"jwks-1\"}", NOW, WidgetPublicKey.Origin.JWKS);
            WidgetKeyring keyring = SECRETS.withJwksUrl(Optional.of(JwksUrl.parse("https://keys.example.com/jwks.json", false)
                    .orElseThrow())).withFetchedKeys(List.of(fetched));

            assertThat(accepted(signedBy(fetched, TokenAlgorithm.ES256, "alg", "ES256", "kid", "jwks-1"), keyring).keyId())
                    .isEqualTo(fetched.keyId());
        }

        @Test
        void aSignatureByAnotherKeyPairIsInvalidSignature() {
            TokenVerdict.Refused refused = refusedWith(signedBy(EC_STRANGER, TokenAlgorithm.ES256, "alg", "ES256", "kid", "ec-1"),
                    WITH_PUBLIC_KEYS, TokenRefusals.BAD_PUBLIC_KEY_SIGNATURE);

            assertThat(refused.headerKid()).contains("ec-1");
            assertThat(refused.verifiedIssuedAt()).isEmpty();
        }

        @Test
        void anHs256TokenIsStillVerifiedWithTheSecretsWhenTheWidgetHasPublicKeys() {
            assertThat(accepted(hs256(CURRENT, "alg", "HS256"), WITH_PUBLIC_KEYS).keyId()).isEqualTo(K_CURRENT);
        }

        @Test
        void anEs256SignatureMustBe64BytesRAndSNotDer() {
            String[] parts = segments(signedBy(EC, TokenAlgorithm.ES256, "alg", "ES256", "kid", "ec-1"));
            String der = FakeJwsCodec.b64(new byte[72]);

            TokenVerdict.Refused refused = refusedWith(parts[0] + "." + parts[1] + "." + der, WITH_PUBLIC_KEYS,
                    ErrorCode.MALFORMED_TOKEN, "signature");

            assertThat(refused.refusal().message()).contains("86 strict base64url characters", "64 bytes", "not DER");
        }

        @Test
        void anRs256SignatureMustBeAsLongAsTheModulusOfTheKeyTheKidNames() {
            String[] parts = segments(signedBy(RSA_3072, TokenAlgorithm.RS256, "alg", "RS256", "kid", "rsa-1"));
            assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(384);

            TokenVerdict.Refused refused = refusedWith(String.join(".", parts), WITH_PUBLIC_KEYS, ErrorCode.MALFORMED_TOKEN,
                    "signature");

            assertThat(refused.refusal().message()).contains("342 strict base64url characters", "256 bytes");
        }

        @Test
        void withoutAKidAKeyWhoseSignatureLengthDiffersIsSkippedNotMalformed() {
            String token = signedBy(RSA_3072, TokenAlgorithm.RS256, "alg", "RS256");

            assertThat(accepted(token, WITH_PUBLIC_KEYS).keyId()).isEqualTo(RSA_3072.keyId());
        }

        @Test
        void anHmacLengthSignatureOnAnEdDsaTokenIsMalformed() {
            String[] parts = segments(signedBy(ED, TokenAlgorithm.EDDSA, "alg", "EdDSA"));

            refusedWith(parts[0] + "." + parts[1] + "." + FakeJwsCodec.b64(new byte[32]), WITH_PUBLIC_KEYS,
                    ErrorCode.MALFORMED_TOKEN, "signature");
        }
    }

    @Test
    void theFakeCodecRefusesWhatTheTestsNeverRegistered() {
        String unregistered = FakeJwsCodec.b64("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify(unregistered + "." + validPayload() + ".x"))
                .isInstanceOf(AssertionError.class);
    }
}
