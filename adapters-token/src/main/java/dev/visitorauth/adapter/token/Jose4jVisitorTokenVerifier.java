package dev.visitorauth.adapter.token;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.token.RuleTrace;
import dev.visitorauth.domain.token.VisitorTokenRules;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.HmacUsingShaAlgorithm;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Verifies visitor tokens (compact JWS, HS256, signed with a widget secret) with a strict
 * pre-check of our own and jose4j for the MAC.
 *
 * <p>Checks run in the order of the token rules, and the first failure is the one reported:
 * <ol>
 *   <li>size: at most {@value #MAX_TOKEN_BYTES} UTF-8 bytes, before anything is decoded;</li>
 *   <li>form: ASCII, three segments (JWE and JSON serialization refused), strict base64url
 *       header and payload;</li>
 *   <li>header: a strict JSON object;</li>
 *   <li>header rules, in this order: {@code alg} present and a string (else
 *       {@code malformed_token}), {@code alg} exactly {@code HS256} ({@code unsupported_algorithm}),
 *       no member but {@code alg}, {@code typ}, {@code kid} ({@code unsupported_token}, naming the
 *       first other member), {@code typ} absent or {@code JWT} in any ASCII case
 *       ({@code unsupported_token}), {@code kid} absent or a string ({@code malformed_token});</li>
 *   <li>key: a {@code kid} picks that secret ({@code unknown_key} when the widget has no such
 *       secret, {@code secret_rotated} when it no longer verifies); without one, the verifying
 *       secrets are tried, current first;</li>
 *   <li>signature: strict base64url of exactly 32 bytes ({@code malformed_token}, claim
 *       {@code signature}), then the HMAC, compared in constant time ({@code invalid_signature};
 *       {@code secret_rotated} when, without a {@code kid}, only a rotated-out secret verifies);</li>
 *   <li>payload: a strict JSON object;</li>
 *   <li>times and claims: {@link VisitorTokenRules}.</li>
 * </ol>
 * Nothing in the payload is read before the signature verifies. A refusal carries the header's
 * {@code kid} whenever the header was a readable object and its {@code kid} a string (as it is when
 * it is at most 64 printable ASCII characters, else cut short, since it is recorded), and the
 * {@code iat} only when the signature verified. Nothing ever throws out of {@link #verify} or
 * {@link #inspect}: an unexpected failure is refused as {@code malformed_token}.
 *
 * <p>The HMAC key is the UTF-8 bytes of the widget secret; jose4j computes the MAC
 * ({@code HmacUsingShaAlgorithm.HmacSha256}) and compares it in constant time. No header member is
 * ever used to find or build a key: {@code kid} only picks among the widget's own secrets.
 *
 * <p>Thread-safe and stateless: one instance serves every widget. {@link #inspect} runs the same
 * code as {@link #verify} with a recorder attached, so both always reach the same verdict; the
 * verify path records nothing and builds no descriptions.
 */
public final class Jose4jVisitorTokenVerifier implements VerifyVisitorTokenPort {
    /** The largest token accepted, in UTF-8 bytes (8 KiB). */
    public static final int MAX_TOKEN_BYTES = 8192;

    private static final String HS256 = "HS256";
    private static final int SIGNATURE_BYTES = 32;
    private static final int SIGNATURE_CHARS = 43;
    /** The longest header text (a kid, a member name) reported back as it is. */
    private static final int REPORTED_LENGTH = 64;
    private static final HmacUsingShaAlgorithm HMAC_SHA256 = new HmacUsingShaAlgorithm.HmacSha256();
    /** jose4j's default provider choice (the JCA's); read-only, shared. */
    private static final ProviderContext PROVIDERS = new ProviderContext();

    private static final Refusal TOO_LARGE = Refusal.of(ErrorCode.TOKEN_TOO_LARGE,
            "The visitor token is over 8 KiB; keep the claims small.");
    private static final Refusal NOT_ASCII = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The visitor token holds characters outside base64url and '.'; send the compact JWS as it was produced.");
    private static final Refusal JSON_SERIALIZATION = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "JWS JSON serialization is not accepted; send the compact form header.payload.signature.");
    private static final Refusal JWE = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "JWE (encrypted, five-part) tokens are not accepted; sign the token with HS256 instead.");
    private static final Refusal NOT_THREE_SEGMENTS = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The visitor token is not a compact JWS: it must have three '.'-separated segments.");
    private static final Refusal EMPTY_HEADER = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The token's header segment is empty.");
    private static final Refusal EMPTY_PAYLOAD = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The token's payload segment is empty.");
    private static final Refusal HEADER_NOT_BASE64URL = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The token's header is not strict base64url (no padding, whitespace or characters outside A-Z a-z 0-9 - _).");
    private static final Refusal PAYLOAD_NOT_BASE64URL = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The token's payload is not strict base64url (no padding, whitespace or characters outside A-Z a-z 0-9 - _).");
    private static final Refusal NO_ALG = Refusal.of(ErrorCode.MALFORMED_TOKEN, "alg",
            "The token header must have \"alg\": \"HS256\" (a string).");
    private static final Refusal WRONG_ALG = Refusal.of(ErrorCode.UNSUPPORTED_ALGORITHM, "alg",
            "Only HS256 is accepted: sign the token with HS256 and the widget secret (never none, RS256 or another size).");
    private static final Refusal WRONG_TYP = Refusal.of(ErrorCode.UNSUPPORTED_TOKEN, "typ",
            "The header's \"typ\", when present, must be \"JWT\".");
    private static final Refusal KID_NOT_STRING = Refusal.of(ErrorCode.MALFORMED_TOKEN, "kid",
            "The header's \"kid\", when present, must be a string: the key id shown with the widget secret.");
    private static final Refusal UNKNOWN_KID = Refusal.of(ErrorCode.UNKNOWN_KEY, "kid",
            "The header's \"kid\" names no secret of this widget; use the key id shown with the widget secret, or leave it out.");
    private static final Refusal KID_ROTATED = Refusal.of(ErrorCode.SECRET_ROTATED, "kid",
            "The header's \"kid\" names a widget secret that has been rotated out; sign with the current secret and its key id.");
    private static final Refusal SIGNATURE_MALFORMED = Refusal.of(ErrorCode.MALFORMED_TOKEN, "signature",
            "The signature must be exactly 43 strict base64url characters (an HS256 MAC of 32 bytes).");
    private static final Refusal BAD_SIGNATURE = Refusal.of(ErrorCode.INVALID_SIGNATURE,
            "The signature does not verify with the widget secret; sign with the widget's current secret (its UTF-8 bytes).");
    private static final Refusal ROTATED_SIGNATURE = Refusal.of(ErrorCode.SECRET_ROTATED,
            "The token was signed with a widget secret that has been rotated out; sign with the current secret.");
    private static final Refusal UNEXPECTED = Refusal.of(ErrorCode.MALFORMED_TOKEN,
            "The visitor token could not be verified.");
    private static final Map<StrictJson.Failure, Refusal> HEADER_JSON = jsonRefusals("header");
    private static final Map<StrictJson.Failure, Refusal> PAYLOAD_JSON = jsonRefusals("payload");

    /**
     * The headers common JWT libraries emit, as their exact base64url segments, with the object each
     * parses to: a header segment equal to one of these skips decoding and parsing (the verdict is
     * the same, only cheaper).
     */
    private static final List<KnownHeader> KNOWN_HEADERS = List.of(
            KnownHeader.of("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"),
            KnownHeader.of("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"),
            KnownHeader.of("{\"alg\":\"HS256\"}"));

    /** A verifier; it holds no per-widget state. */
    public Jose4jVisitorTokenVerifier() {
    }

    @Override
    public TokenCheck verify(TokenVerificationRequest request) {
        return check(request, Recorder.NONE);
    }

    @Override
    public TokenInspection inspect(TokenVerificationRequest request) {
        InspectionRecorder recorder = new InspectionRecorder();
        TokenCheck check = check(request, recorder);
        Optional<Refusal> refusal = check instanceof TokenCheck.Refused refused
                ? Optional.of(refused.refusal()) : Optional.empty();
        return new TokenInspection(refusal, Optional.ofNullable(recorder.keyId), Optional.ofNullable(recorder.header),
                recorder.claimsForDisplay(), recorder.steps);
    }

    private static TokenCheck check(TokenVerificationRequest request, Recorder recorder) {
        try {
            return run(request, recorder);
        } catch (RuntimeException | StackOverflowError e) {
            if (recorder.enabled()) {
                recorder.step("error", false, "an unexpected error stopped the checks");
            }
            return TokenCheck.Refused.of(UNEXPECTED);
        }
    }

    private static TokenCheck run(TokenVerificationRequest request, Recorder recorder) {
        String token = request.token();
        int length = token.length();

        // 1. size, before anything is decoded
        if (length > MAX_TOKEN_BYTES) {
            return refuse(recorder, "size", TOO_LARGE, null);
        }
        int utf8Length = 0;
        boolean ascii = true;
        int dots = 0;
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c < 0x80) {
                utf8Length++;
                if (c == '.') {
                    if (dots == 0) {
                        firstDot = i;
                    } else if (dots == 1) {
                        secondDot = i;
                    }
                    dots++;
                }
            } else {
                ascii = false;
                utf8Length += c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
        }
        if (utf8Length > MAX_TOKEN_BYTES) {
            return refuse(recorder, "size", TOO_LARGE, null);
        }
        if (recorder.enabled()) {
            recorder.step("size", true, utf8Length + " bytes (at most " + MAX_TOKEN_BYTES + ")");
        }

        // 2. form: ASCII, three segments, strict base64url header and payload
        if (!ascii) {
            return refuse(recorder, "form", NOT_ASCII, null);
        }
        if (length > 0 && token.charAt(0) == '{') {
            return refuse(recorder, "form", JSON_SERIALIZATION, null);
        }
        if (dots == 4) {
            return refuse(recorder, "form", JWE, null);
        }
        if (dots != 2) {
            return refuse(recorder, "form", NOT_THREE_SEGMENTS, null);
        }
        if (firstDot == 0) {
            return refuse(recorder, "form", EMPTY_HEADER, null);
        }
        if (secondDot == firstDot + 1) {
            return refuse(recorder, "form", EMPTY_PAYLOAD, null);
        }
        byte[] ascii8 = token.getBytes(StandardCharsets.ISO_8859_1);
        JsonValue.JsonObject knownHeader = knownHeader(ascii8, firstDot);
        byte[] headerBytes = null;
        if (knownHeader == null) {
            headerBytes = decodeSegment(ascii8, 0, firstDot);
            if (headerBytes == null) {
                return refuse(recorder, "form", HEADER_NOT_BASE64URL, null);
            }
        }
        byte[] payloadBytes = decodeSegment(ascii8, firstDot + 1, secondDot);
        if (payloadBytes == null) {
            return refuse(recorder, "form", PAYLOAD_NOT_BASE64URL, null);
        }
        if (recorder.enabled()) {
            recorder.payload(payloadBytes);
            recorder.step("form", true, "compact JWS: three segments, header and payload strict base64url");
        }

        // 3. header JSON
        JsonValue.JsonObject header = knownHeader;
        if (header == null) {
            try {
                header = StrictJson.parseObject(headerBytes);
            } catch (StrictJson.StrictJsonException e) {
                Refusal refusal = HEADER_JSON.get(e.failure());
                if (recorder.enabled()) {
                    recorder.step("header", false, refusal.message() + detailOf(e));
                }
                return TokenCheck.Refused.of(refusal);
            }
        }
        Map<String, JsonValue> members = header.members();
        JsonValue kidValue = members.get("kid");
        String kid = kidValue instanceof JsonValue.JsonString kidString ? kidString.value() : null;
        if (recorder.enabled()) {
            recorder.header(header);
            recorder.step("header", true, "a strict JSON object with " + members.size() + " member(s)");
        }

        // 4. header rules: alg present and a string, alg HS256, member allowlist, typ, kid a string
        JsonValue alg = members.get("alg");
        if (!(alg instanceof JsonValue.JsonString algName)) {
            if (recorder.enabled()) {
                recorder.step("alg", false, (alg == null ? "absent" : describe(alg)) + "; it must be the string \"HS256\"");
            }
            return refused(NO_ALG, kid);
        }
        if (!HS256.equals(algName.value())) {
            if (recorder.enabled()) {
                recorder.step("alg", false, describe(alg) + "; only \"HS256\" is accepted");
            }
            return refused(WRONG_ALG, kid);
        }
        recorder.step("alg", true, HS256);

        for (String name : members.keySet()) {
            if (!name.equals("alg") && !name.equals("typ") && !name.equals("kid")) {
                String reported = reportable(name);
                Refusal refusal = Refusal.of(ErrorCode.UNSUPPORTED_TOKEN, reported,
                        "The header may hold only \"alg\", \"typ\" and \"kid\"; remove \"" + reported + "\".");
                return refuse(recorder, "members", refusal, kid);
            }
        }
        recorder.step("members", true, "only alg, typ and kid");

        JsonValue typ = members.get("typ");
        if (typ != null && !(typ instanceof JsonValue.JsonString typName && isJwt(typName.value()))) {
            if (recorder.enabled()) {
                recorder.step("typ", false, describe(typ) + "; it must be \"JWT\" when present");
            }
            return refused(WRONG_TYP, kid);
        }
        recorder.step("typ", true, typ == null ? "absent" : "JWT");

        if (kidValue != null && kid == null) {
            if (recorder.enabled()) {
                recorder.step("kid", false, describe(kidValue) + "; it must be a string");
            }
            return refused(KID_NOT_STRING, null);
        }

        // 5. key: the kid's secret only, or every verifying secret
        WidgetKeyring keyring = request.keyring();
        Instant now = request.now();
        WidgetSecret named = null;
        if (kid != null) {
            Optional<WidgetSecret> found = keyring.byKeyId(kid);
            if (found.isEmpty()) {
                return refuse(recorder, "kid", UNKNOWN_KID, kid);
            }
            named = found.get();
            if (!named.verifiesAt(now)) {
                return refuse(recorder, "kid", KID_ROTATED, kid);
            }
            if (recorder.enabled()) {
                recorder.step("kid", true, "names secret " + named.keyId() + " (" + stateName(named, now) + ")");
            }
        } else {
            recorder.step("kid", true, "absent: the widget's verifying secrets are tried, current first");
        }

        // 6. signature: exact length and canonical encoding, then the MAC
        int signatureStart = secondDot + 1;
        byte[] signature = new byte[SIGNATURE_BYTES];
        if (length - signatureStart != SIGNATURE_CHARS || !StrictBase64Url.decode(ascii8, signatureStart, length, signature)) {
            return refuse(recorder, "signature", SIGNATURE_MALFORMED, kid);
        }
        byte[] securedInput = Arrays.copyOf(ascii8, secondDot);
        WidgetSecret matched;
        if (named != null) {
            matched = macMatches(named, signature, securedInput) ? named : null;
        } else {
            matched = firstMatching(keyring, now, WidgetSecret.State.CURRENT, signature, securedInput);
            if (matched == null) {
                matched = firstMatching(keyring, now, WidgetSecret.State.IN_GRACE, signature, securedInput);
            }
            if (matched == null) {
                WidgetSecret rotated = firstMatching(keyring, now, WidgetSecret.State.ROTATED_OUT, signature, securedInput);
                if (rotated != null) {
                    if (recorder.enabled()) {
                        recorder.matched(rotated.keyId());
                        recorder.step("signature", false, "verifies only with secret " + rotated.keyId()
                                + ", which has been rotated out; " + ROTATED_SIGNATURE.message());
                    }
                    return refused(ROTATED_SIGNATURE, kid);
                }
            }
        }
        if (matched == null) {
            if (recorder.enabled()) {
                recorder.step("signature", false, "verifies with none of "
                        + (named != null ? "secret " + named.keyId() : "this widget's secrets") + "; " + BAD_SIGNATURE.message());
            }
            return refused(BAD_SIGNATURE, kid);
        }
        if (recorder.enabled()) {
            recorder.matched(matched.keyId());
            recorder.step("signature", true, "HS256, verified with secret " + matched.keyId() + " (" + stateName(matched, now) + ")");
        }

        // 7. payload JSON, read only now that the signature verified
        JsonValue.JsonObject claims;
        try {
            claims = StrictJson.parseObject(payloadBytes);
        } catch (StrictJson.StrictJsonException e) {
            Refusal refusal = PAYLOAD_JSON.get(e.failure());
            if (recorder.enabled()) {
                recorder.step("payload", false, refusal.message() + detailOf(e));
            }
            return refused(refusal, kid);
        }
        if (recorder.enabled()) {
            recorder.claims(claims);
            recorder.step("payload", true, "a strict JSON object with " + claims.members().size() + " claim(s)");
        }

        // 8. times and claims
        Result<VisitorIdentity> result = VisitorTokenRules.evaluate(claims, request.widgetId(), request.policy(), now,
                recorder.rules());
        if (result instanceof Result.Ok<VisitorIdentity> ok) {
            return new TokenCheck.Verified(ok.value(), matched.keyId());
        }
        Refusal refusal = ((Result.Refused<VisitorIdentity>) result).refusal();
        return new TokenCheck.Refused(refusal, reportedKid(kid), VisitorTokenRules.issuedAt(claims));
    }

    /** The parsed header when the header segment {@code ascii[0, end)} is one of the known ones, else null. */
    private static JsonValue.JsonObject knownHeader(byte[] ascii, int end) {
        for (KnownHeader known : KNOWN_HEADERS) {
            if (Arrays.equals(ascii, 0, end, known.segment, 0, known.segment.length)) {
                return known.header;
            }
        }
        return null;
    }

    /** A header segment exactly as a common library writes it, and what it parses to. */
    private record KnownHeader(byte[] segment, JsonValue.JsonObject header) {
        static KnownHeader of(String json) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            try {
                return new KnownHeader(Base64.getUrlEncoder().withoutPadding().encode(utf8), StrictJson.parseObject(utf8));
            } catch (StrictJson.StrictJsonException e) {
                throw new IllegalStateException("a known header must be strict JSON: " + json, e);
            }
        }
    }

    /** The decoded segment, or null when it is not strict base64url. */
    private static byte[] decodeSegment(byte[] ascii, int from, int to) {
        int size = StrictBase64Url.decodedLength(to - from);
        if (size < 0) {
            return null;
        }
        byte[] decoded = new byte[size];
        return StrictBase64Url.decode(ascii, from, to, decoded) ? decoded : null;
    }

    private static WidgetSecret firstMatching(WidgetKeyring keyring, Instant now, WidgetSecret.State state,
                                              byte[] signature, byte[] securedInput) {
        for (WidgetSecret secret : keyring.secrets()) {
            if (secret.stateAt(now) == state && macMatches(secret, signature, securedInput)) {
                return secret;
            }
        }
        return null;
    }

    /** The HMAC through jose4j, which compares in constant time ({@code ByteUtil.secureEquals}). */
    private static boolean macMatches(WidgetSecret secret, byte[] signature, byte[] securedInput) {
        byte[] keyBytes = secret.value().keyBytes();
        try {
            return HMAC_SHA256.verifySignature(signature, new HmacKey(keyBytes), securedInput, PROVIDERS);
        } catch (JoseException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    /** {@code typ} is JWT in any ASCII case (no locale-dependent case folding). */
    private static boolean isJwt(String typ) {
        return typ.length() == 3
                && (typ.charAt(0) | 0x20) == 'j'
                && (typ.charAt(1) | 0x20) == 'w'
                && (typ.charAt(2) | 0x20) == 't';
    }

    /** A refusal before the signature verified: the header's kid when there was one, never an iat. */
    private static TokenCheck refused(Refusal refusal, String kid) {
        return new TokenCheck.Refused(refusal, reportedKid(kid), Optional.empty());
    }

    /** The same, recording the failed step with the refusal's message. */
    private static TokenCheck refuse(Recorder recorder, String step, Refusal refusal, String kid) {
        if (recorder.enabled()) {
            recorder.step(step, false, refusal.message());
        }
        return refused(refusal, kid);
    }

    private static Optional<String> reportedKid(String kid) {
        return kid == null ? Optional.empty() : Optional.of(reportable(kid));
    }

    /**
     * Header text as it may be reported back and recorded: unchanged when it is at most 64
     * printable ASCII characters (every real key id and member name), else cut to 64 characters
     * with anything else shown as {@code ?} and {@code ...} appended.
     */
    static String reportable(String text) {
        int length = text.length();
        boolean printable = length <= REPORTED_LENGTH;
        for (int i = 0; printable && i < length; i++) {
            char c = text.charAt(i);
            printable = c >= 0x20 && c < 0x7F;
        }
        if (printable) {
            return text;
        }
        StringBuilder shown = new StringBuilder(REPORTED_LENGTH + 3);
        for (int i = 0; i < Math.min(length, REPORTED_LENGTH); i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return length > REPORTED_LENGTH ? shown.append("...").toString() : shown.toString();
    }

    private static String stateName(WidgetSecret secret, Instant now) {
        return switch (secret.stateAt(now)) {
            case CURRENT -> "current";
            case IN_GRACE -> "in its grace period";
            case ROTATED_OUT -> "rotated out";
        };
    }

    private static String describe(JsonValue value) {
        return value instanceof JsonValue.JsonString s ? "\"" + reportable(s.value()) + "\"" : "a JSON " + value.typeName();
    }

    private static String detailOf(StrictJson.StrictJsonException e) {
        return e.getMessage() == null || e.getMessage().isEmpty() ? "" : " (" + e.getMessage() + ")";
    }

    private static Map<StrictJson.Failure, Refusal> jsonRefusals(String segment) {
        Map<StrictJson.Failure, Refusal> refusals = new EnumMap<>(StrictJson.Failure.class);
        for (StrictJson.Failure failure : StrictJson.Failure.values()) {
            refusals.put(failure, Refusal.of(ErrorCode.MALFORMED_TOKEN, "The token's " + segment + " " + failure.phrase() + "."));
        }
        return refusals;
    }

    /**
     * What the checks report as they run. This base class, shared as {@link #NONE} by the verify
     * path, records nothing and holds no state; callers test {@link #enabled()} before building any
     * description (constant ones cost nothing).
     */
    private static class Recorder {
        static final Recorder NONE = new Recorder();

        boolean enabled() {
            return false;
        }

        void step(String name, boolean passed, String detail) {
        }

        void header(JsonValue.JsonObject header) {
        }

        void payload(byte[] decodedPayload) {
        }

        void matched(KeyId keyId) {
        }

        void claims(JsonValue.JsonObject claims) {
        }

        RuleTrace rules() {
            return RuleTrace.NONE;
        }
    }

    /** Collects every step for the token inspector. One per inspection; never shared. */
    private static final class InspectionRecorder extends Recorder {
        final List<TokenInspection.Step> steps = new ArrayList<>();
        KeyId keyId;
        JsonValue.JsonObject header;
        JsonValue.JsonObject claims;
        byte[] payloadBytes;

        @Override
        boolean enabled() {
            return true;
        }

        @Override
        void header(JsonValue.JsonObject header) {
            this.header = header;
        }

        @Override
        void payload(byte[] decodedPayload) {
            this.payloadBytes = decodedPayload;
        }

        @Override
        void matched(KeyId keyId) {
            this.keyId = keyId;
        }

        @Override
        void claims(JsonValue.JsonObject claims) {
            this.claims = claims;
        }

        @Override
        void step(String name, boolean passed, String detail) {
            steps.add(new TokenInspection.Step(name, passed, detail == null ? "" : detail));
        }

        @Override
        RuleTrace rules() {
            return this::step;
        }

        /**
         * The claims: the verified ones, or else (the inspector being an admin tool) the payload
         * decoded for display only, when it is a strict JSON object; never used for a verdict.
         */
        Optional<JsonValue.JsonObject> claimsForDisplay() {
            if (claims != null) {
                return Optional.of(claims);
            }
            if (payloadBytes == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(StrictJson.parseObject(payloadBytes));
            } catch (StrictJson.StrictJsonException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
