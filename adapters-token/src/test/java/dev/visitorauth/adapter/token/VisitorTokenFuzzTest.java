package dev.visitorauth.adapter.token;

import static dev.visitorauth.testing.VisitorTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.testing.VisitorTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole token path through the project's verifier, with tokens made from fuzz data: raw
 * strings (any bytes, read as UTF-8), and structured tokens whose header and payload JSON are built
 * from fuzz choices and signed correctly with HS256 (with one of the widget's secrets, a rotated-out
 * one or a stranger's) or ES256 (with the private half of the widget's public key), so that the
 * key-choice, time and claim rules are reached. For every token:
 * <ul>
 *   <li>the verifier never throws;</li>
 *   <li>a refusal carries a code of the spec's token set (section 5) and never the secret;</li>
 *   <li>verification is deterministic: the same token verifies again to an equal result, and the
 *       inspector reaches the same verdict;</li>
 *   <li>a verified token carries the exact HS256 signature of a secret that verifies now (or an
 *       ES256 signature the JDK verifies with the widget's public key), names that key, is within
 *       its times, and its JSON reads in strict Jackson (no duplicates) with a header of only
 *       {@code alg} (HS256, or ES256 for the public key), {@code typ: JWT} (any case) and
 *       {@code kid}.</li>
 * </ul>
 * The corpus under {@code VisitorTokenFuzzTestInputs/rawTokens/} holds the attack tokens of the
 * verifier's tests (alg none, JWE, JSON serialization, padding, non-canonical base64url, duplicate
 * members behind escapes, deep nesting, oversized tokens, ...).
 */
class VisitorTokenFuzzTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final WidgetId WIDGET = new WidgetId("wdg_fuzz");
    static final SecretValue CURRENT = SecretValue.of("cUrReNt-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS");
    static final SecretValue GRACE = SecretValue.of("gRaCe-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU");
    static final SecretValue OLD = SecretValue.of("oLd-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW");
    static final SecretValue STRANGER = SecretValue.of("sTrAnGeR-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");
    /** The key pair behind the widget's public key {@code k-es256} (P-256), made for this run. */
    static final KeyPair EC = ecKeyPair();
    static final String ES_KID = "k-es256";
    /**
     * k-old rotated out two days ago; k-grace a minute ago with an hour of grace; k-current current;
     * beside them the uploaded P-256 public key k-es256 (ES256).
     */
    static final WidgetKeyring KEYRING = keyring();
    static final AuthenticationPolicy POLICY = AuthenticationPolicy.defaults();
    /** The secrets that verify at NOW, by key id. */
    static final Map<String, SecretValue> VERIFYING = Map.of("k-current", CURRENT, "k-grace", GRACE);

    /** What the verifier may answer for a bad token (spec section 5); replay and revocation are the application's. */
    static final Set<ErrorCode> TOKEN_CODES = EnumSet.of(ErrorCode.MALFORMED_TOKEN, ErrorCode.TOKEN_TOO_LARGE,
            ErrorCode.UNSUPPORTED_ALGORITHM, ErrorCode.UNSUPPORTED_TOKEN, ErrorCode.UNKNOWN_KEY, ErrorCode.INVALID_SIGNATURE,
            ErrorCode.SECRET_ROTATED, ErrorCode.MISSING_EXPIRATION, ErrorCode.TOKEN_EXPIRED, ErrorCode.TOKEN_NOT_YET_VALID,
            ErrorCode.TOKEN_LIFETIME_TOO_LONG, ErrorCode.MISSING_CLAIM, ErrorCode.INVALID_CLAIM);

    /** An independent strict reading of a verified token's JSON: duplicates and trailing data refused. */
    static final JsonMapper STRICT_JACKSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The one place that names the verifier: the coordinator's rename is a one-line change here. */
    static final VerifyVisitorTokenPort VERIFIER = new StrictJwsCodec();

    static TokenVerificationRequest request(String token) {
        return new TokenVerificationRequest(token, WIDGET, POLICY, KEYRING, NOW);
    }

    /**
     * The corpus's {@code valid} token: the everyday HS256 token of every common library. A verifier
     * that refused everything would meet every other assertion here; this one it cannot.
     */
    static final String VALID = sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"id\":\"user-42\",\"name\":\"Ada Lovelace\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                    + (NOW.getEpochSecond() + 30) + "}", CURRENT);

    @FuzzTest
    void rawTokens(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        TokenCheck check = verifyAndCheck(token);
        if (token.equals(VALID)) {
            assertThat(check).as("the everyday token verifies").isInstanceOf(TokenCheck.Verified.class);
        }
        if (check instanceof TokenCheck.Verified verified) {
            assertThat(verified.identity().externalId().value()).isNotEmpty();
        }
    }

    @FuzzTest
    void structuredTokens(FuzzedDataProvider data) {
        Header header = header(data);
        String payload = payload(data);
        String[] keyIds = {"k-current", "k-current", "k-current", "k-grace", "k-old", "stranger", ES_KID};
        String signedWith = keyIds[data.consumeInt(0, keyIds.length - 1)];
        String token = switch (signedWith) {
            case "k-current" -> sign(header.json, payload, CURRENT);
            case "k-grace" -> sign(header.json, payload, GRACE);
            case "k-old" -> sign(header.json, payload, OLD);
            case ES_KID -> signEs256(header.json, payload);
            default -> sign(header.json, payload, STRANGER);
        };
        if (data.consumeInt(0, 9) == 0 && !token.isEmpty()) {
            StringBuilder mutated = new StringBuilder(token);
            mutated.setCharAt(data.consumeInt(0, token.length() - 1), data.consumeChar());
            token = mutated.toString();
        }

        TokenCheck check = verifyAndCheck(token);

        if (check instanceof TokenCheck.Verified verified) {
            assertThat(signedWith).as("only a key that verifies now verifies a token").isIn("k-current", "k-grace", ES_KID);
            assertThat(verified.keyId().value()).as("the key reported is the one that signed").isEqualTo(signedWith);
            assertThat(header.plain).as("a verified header holds only alg, typ, kid: %s", header.json).isTrue();
            assertThat(header.alg).as("a verified header's alg fits the key").isEqualTo(signedWith.equals(ES_KID) ? "ES256" : "HS256");
            assertThat(header.kid).as("a kid picks the key").isIn(null, signedWith);
        }
    }

    /** The assertions every token meets; returns the verdict. */
    static TokenCheck verifyAndCheck(String token) {
        TokenVerificationRequest request = request(token);
        TokenCheck check = VERIFIER.verify(request);
        assertThat(check).isNotNull();
        assertThat(VERIFIER.verify(request)).as("deterministic").isEqualTo(check);
        TokenInspection inspection = VERIFIER.inspect(request);
        Optional<Refusal> refusal = check instanceof TokenCheck.Refused r ? Optional.of(r.refusal()) : Optional.empty();
        assertThat(inspection.refusal()).as("the inspector agrees").isEqualTo(refusal);

        if (check instanceof TokenCheck.Refused refused) {
            assertThat(refused.refusal().code()).as("a code of the token set").isIn(TOKEN_CODES);
            assertThat(refused.refusal().message()).as("never a secret").doesNotContain(CURRENT.reveal(), GRACE.reveal(), OLD.reveal());
        } else {
            TokenCheck.Verified verified = (TokenCheck.Verified) check;
            String[] parts = token.split("\\.", -1);
            assertThat(parts).hasSize(3);
            boolean publicKey = verified.keyId().value().equals(ES_KID);
            if (publicKey) {
                assertThat(verifiesEs256(parts[0] + "." + parts[1], Base64.getUrlDecoder().decode(parts[2])))
                        .as("an ES256 signature the JDK verifies with the public key").isTrue();
                assertThat(parts[2]).as("canonical base64url").isEqualTo(b64(Base64.getUrlDecoder().decode(parts[2])));
            } else {
                SecretValue secret = VERIFYING.get(verified.keyId().value());
                assertThat(secret).as("verified with a secret that verifies now").isNotNull();
                assertThat(parts[2]).as("the exact, canonical HS256 signature")
                        .isEqualTo(b64(VisitorTokens.mac("HmacSHA256", secret.keyBytes(), parts[0] + "." + parts[1])));
            }
            JsonNode header = strictJson(parts[0]);
            assertThat(header.propertyNames()).as("a verified header holds only alg, typ, kid").isSubsetOf("alg", "typ", "kid");
            assertThat(header.get("alg").stringValue()).as("a verified header's alg").isEqualTo(publicKey ? "ES256" : "HS256");
            if (header.has("typ")) {
                assertThat(header.get("typ").stringValue()).as("a verified header's typ").isEqualToIgnoringCase("JWT");
            }
            assertThat(strictJson(parts[1]).isObject()).as("a verified payload is a JSON object").isTrue();
            Instant exp = verified.identity().expiresAt();
            assertThat(exp.plus(POLICY.clockSkew())).as("not expired beyond the skew").isAfterOrEqualTo(NOW);
            assertThat(exp).as("within the lifetime").isBeforeOrEqualTo(NOW.plus(POLICY.maxTokenLifetime()).plus(POLICY.clockSkew()));
        }
        return check;
    }

    private static JsonNode strictJson(String segment) {
        byte[] json = Base64.getUrlDecoder().decode(segment);
        try {
            return STRICT_JACKSON.readTree(json);
        } catch (JacksonException e) {
            throw new AssertionError("a verified token's JSON that strict Jackson refuses (" + e.getOriginalMessage() + "): "
                    + new String(json, StandardCharsets.UTF_8));
        }
    }

    // ---- structured tokens ----

    /**
     * A header as built: its JSON, its {@code alg} and {@code kid} when they are plain strings (else
     * null), and whether it holds only alg, typ and kid, each once.
     */
    record Header(String json, String alg, String kid, boolean plain) {
    }

    private static Header header(FuzzedDataProvider data) {
        List<String> members = new ArrayList<>();
        boolean plain = true;
        String alg = data.pickValue(List.of("HS256", "HS256", "HS256", "ES256", "ES256", "none", "None", "HS384", "HS512",
                "RS256", "EdDSA", "PS256", "ES384", "hs256", "", "~"));
        switch (data.consumeInt(0, 7)) {
            case 0 -> alg = null; // no alg at all
            case 1, 2 -> {
                String value = data.consumeBoolean() ? jsonValue(data) : string(data.consumeString(12));
                alg = value.equals("\"HS256\"") ? "HS256" : value.equals("\"ES256\"") ? "ES256" : null;
                members.add(member("alg", value));
            }
            default -> members.add(member("alg", string(alg)));
        }
        switch (data.consumeInt(0, 4)) {
            case 0 -> members.add(member("typ", string("JWT")));
            case 1 -> members.add(member("typ", string(data.pickValue(List.of("jwt", "JwT", "JOSE", "at+jwt", "")))));
            case 2 -> members.add(member("typ", jsonValue(data)));
            default -> {
            }
        }
        String kid = null;
        switch (data.consumeInt(0, 4)) {
            case 0 -> {
                kid = data.pickValue(List.of("k-current", "k-grace", "k-old", "k-unknown", "k-current ", ES_KID, ES_KID));
                members.add(member("kid", string(kid)));
            }
            case 1 -> {
                kid = data.consumeString(20);
                members.add(member("kid", string(kid)));
            }
            case 2 -> members.add(member("kid", jsonValue(data)));
            default -> {
            }
        }
        if (data.consumeInt(0, 5) == 0) {
            String name = data.pickValue(List.of("crit", "b64", "cty", "zip", "jwk", "jku", "x5u", "x5c", "x5t", "enc", "ALG",
                    "Kid", "typ "));
            members.add(data.consumeInt(0, members.size()), member(name, jsonValue(data)));
            plain = false;
        }
        if (!members.isEmpty() && data.consumeInt(0, 9) == 0) {
            members.add(data.consumeInt(0, members.size()), members.get(data.consumeInt(0, members.size() - 1)));
            plain = false; // a duplicate member
        }
        String separator = data.consumeBoolean() ? "," : " ,\n ";
        return new Header("{" + String.join(separator, members) + "}", alg, kid, plain);
    }

    private static String payload(FuzzedDataProvider data) {
        List<String> members = new ArrayList<>();
        long now = NOW.getEpochSecond();
        optional(data, members, "id", () -> data.consumeInt(0, 4) == 0 ? jsonValue(data)
                : data.pickValue(List.of(string("user-42"), "42", "-7", "1234567890123456789", "12345678901234567890", "4.2",
                "4e2", string(""), "null", string("x".repeat(256)), string(data.consumeString(40)))));
        for (String name : List.of("name", "companyName", "companyId")) {
            optional(data, members, name, () -> data.consumeInt(0, 4) == 0 ? jsonValue(data)
                    : data.pickValue(List.of(string("Ada"), string(""), string("x".repeat(256)), "7", "null",
                    string(data.consumeString(30)))));
        }
        optional(data, members, "email", () -> data.pickValue(List.of(string("ada@example.com"), string(""), string("not-an-email"),
                string("a@b@c"), string("a b@c.d"), string("a".repeat(315) + "@b.cd"), "5", string(data.consumeString(30)))));
        optional(data, members, "avatar", () -> data.pickValue(List.of(string("https://cdn.example.com/a.png"), string(""),
                string("http://example.com/a.png"), string("javascript:alert(1)"), string("data:image/png;base64,AAAA"),
                string("ftp://example.com/a"), string("https://"), string("https://e.com/" + "a".repeat(2040)),
                string("//example.com/a.png"), string(data.consumeString(40)))));
        optional(data, members, "customData", () -> customData(data));
        optional(data, members, "exp", () -> time(data, now + data.pickValue(List.of(30, 600, 630, 631, 700, -29, -30, -31, -3600))));
        optional(data, members, "iat", () -> time(data, now + data.pickValue(List.of(0, -1, -600, -601, 30, 31, 60))));
        optional(data, members, "nbf", () -> time(data, now + data.pickValue(List.of(0, 30, 31, -10))));
        optional(data, members, "aud", () -> data.pickValue(List.of(string(WIDGET.value()), "[" + string(WIDGET.value()) + ",\"x\"]",
                string("wdg_other"), "[]", "5", "null")));
        optional(data, members, "jti", () -> data.pickValue(List.of(string("jti-1"), string(""), "5", "null")));
        if (data.consumeInt(0, 7) == 0) {
            members.add(data.consumeInt(0, members.size()), member(data.consumeString(10), jsonValue(data)));
        }
        return "{" + String.join(",", members) + "}";
    }

    private static void optional(FuzzedDataProvider data, List<String> members, String name, java.util.function.Supplier<String> value) {
        int choice = data.consumeInt(0, 9);
        if (choice == 0) {
            return; // absent
        }
        members.add(member(name, choice == 1 ? jsonValue(data) : value.get()));
    }

    /** A NumericDate near {@code seconds}: plain, decimal, exponent form, or a wrong type. */
    private static String time(FuzzedDataProvider data, long seconds) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> seconds + "." + data.consumeInt(0, 999_999_999);
            case 1 -> new java.math.BigDecimal(seconds).round(new java.math.MathContext(data.consumeInt(1, 12))).toString();
            case 2 -> string(Long.toString(seconds));
            case 3 -> data.pickValue(List.of("1e999999999", "-1", "0", "1e-999999999", "null", "99999999999999999999", "-0.0"));
            default -> Long.toString(seconds);
        };
    }

    private static String customData(FuzzedDataProvider data) {
        if (data.consumeInt(0, 5) == 0) {
            return jsonValue(data);
        }
        List<String> members = new ArrayList<>();
        int keys = data.consumeInt(0, 55);
        for (int i = 0; i < keys; i++) {
            String key = switch (data.consumeInt(0, 5)) {
                case 0 -> data.consumeString(8);
                case 1 -> data.pickValue(List.of("", "k".repeat(65), "a b", "a/b", "ü"));
                default -> "key" + i;
            };
            String value = switch (data.consumeInt(0, 5)) {
                case 0 -> jsonValue(data);
                case 1 -> string("v".repeat(data.pickValue(List.of(1024, 1025))));
                default -> string("value" + i);
            };
            members.add(member(key, value));
        }
        return "{" + String.join(",", members) + "}";
    }

    /** Any small JSON value, nested a little. */
    private static String jsonValue(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 8)) {
            case 0 -> "null";
            case 1 -> data.consumeBoolean() ? "true" : "false";
            case 2 -> Long.toString(data.consumeLong());
            case 3 -> data.pickValue(List.of("0.5", "-0", "1e3", "3.0", "1E-7", "123456789012345678901234567890"));
            case 4 -> "[" + (data.consumeBoolean() ? "" : jsonValue(data)) + "]";
            case 5 -> "{" + (data.consumeBoolean() ? "" : member(data.consumeString(6), jsonValue(data))) + "}";
            default -> string(data.consumeString(16));
        };
    }

    private static String member(String name, String value) {
        return string(name) + ":" + value;
    }

    /** A JSON string literal. */
    static String string(String value) {
        return VisitorTokens.json(value);
    }

    static String sign(String headerJson, String payloadJson, SecretValue secret) {
        return VisitorTokens.signRaw(headerJson, payloadJson, secret.reveal());
    }

    static String signEs256(String headerJson, String payloadJson) {
        return VisitorTokens.signRawWith("SHA256withECDSAinP1363Format", EC.getPrivate(), headerJson, payloadJson);
    }

    static boolean verifiesEs256(String securedInput, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(EC.getPublic());
            verifier.update(securedInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WidgetKeyring keyring() {
        String jwk;
        try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(EC.getPublic()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
        JwkFacts facts = new JwkFacts("EC", Optional.of("P-256"), Optional.empty(), Optional.of(ES_KID), Optional.empty(), 256,
                Set.of(), jwk);
        WidgetPublicKey key = ((Result.Ok<WidgetPublicKey>) WidgetPublicKey.accept(facts, new KeyId(ES_KID), NOW,
                WidgetPublicKey.Origin.UPLOADED)).value();
        WidgetKeyring secrets = WidgetKeyring.create(WIDGET, new KeyId("k-old"), OLD, NOW.minus(Duration.ofDays(30)))
                .rotate(new KeyId("k-grace"), GRACE, Duration.ZERO, NOW.minus(Duration.ofDays(2)))
                .rotate(new KeyId("k-current"), CURRENT, Duration.ofHours(1), NOW.minusSeconds(60));
        return ((Result.Ok<WidgetKeyring>) secrets.withPublicKey(key)).value();
    }
}
