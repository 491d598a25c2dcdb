package dev.visitorauth.domain.token;

import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.KeyChoice;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every rule of spec section 3 (and 12 for public keys), as an ordered list of small steps, run in
 * the spec's order; the first refusal is the one reported:
 * <ol>
 *   <li>{@code size}: at most {@value #MAX_TOKEN_BYTES} UTF-8 bytes, before anything is decoded;</li>
 *   <li>{@code form}: ASCII, three segments (JWE and JSON serialization refused), strict base64url
 *       header and payload, then the header a strict JSON object;</li>
 *   <li>{@code header}: {@code alg} present and a string ({@code malformed_token}), one of ours
 *       ({@code unsupported_algorithm}; an asymmetric one only when the widget has public keys), no
 *       member but {@code alg}, {@code typ}, {@code kid} ({@code unsupported_token}, naming the first
 *       other member), {@code typ} absent or {@code JWT} in any ASCII case, {@code kid} absent or a
 *       string ({@code malformed_token});</li>
 *   <li>{@code key}: {@link WidgetKeyring#select} ({@code unknown_key}, {@code secret_rotated},
 *       {@code unsupported_algorithm} for key confusion);</li>
 *   <li>{@code signature}: exact length and canonical encoding for the algorithm and key
 *       ({@code malformed_token}), then the signature ({@code invalid_signature}, or
 *       {@code secret_rotated} when, without a {@code kid}, only a rotated-out secret verifies);</li>
 *   <li>{@code payload}: a strict JSON object, read only now that the signature verified;</li>
 *   <li>{@code times} and {@code claims}: {@link VisitorTokenRules}.</li>
 * </ol>
 * A refusal carries the header's {@code kid} whenever the header was readable and its {@code kid} a
 * string, and the {@code iat} only when the signature verified.
 *
 * <p>Pure: the decoding and the cryptography are the {@link JwsCodec}'s, the time is given. Nothing is
 * caught here: a bug surfaces as an exception. Sizes and nesting are bounded before any recursion
 * (8 KiB of token; the codec's JSON depth limit).
 */
public final class VisitorTokenVerification {
    /** The largest token accepted, in UTF-8 bytes (8 KiB). */
    public static final int MAX_TOKEN_BYTES = 8192;

    // The header members the rules read (see JwsCodec.NAMES_READ).
    static final String ALG = "alg";
    static final String TYP = "typ";
    static final String KID = "kid";

    /**
     * The rules, in the spec's order: each a small function, empty when the token passes it. An enum
     * rather than a list of lambdas only so that the loop's one call site stays inlinable on the hot
     * path (a list of eleven lambdas makes it megamorphic).
     */
    private enum Step {
        SIZE, FORM, HEADER, KEY_CHOICE, SIGNATURE, PAYLOAD, TIMES_AND_CLAIMS;

        private static final Step[] IN_ORDER = values();

        Optional<Refusal> check(Run run) {
            return switch (this) {
                case SIZE -> size(run);
                case FORM -> form(run);
                case HEADER -> header(run);
                case KEY_CHOICE -> keyChoice(run);
                case SIGNATURE -> signature(run);
                case PAYLOAD -> payload(run);
                case TIMES_AND_CLAIMS -> timesAndClaims(run);
            };
        }
    }

    private VisitorTokenVerification() {
    }

    /**
     * Runs the rules over one token for one widget.
     *
     * @param trace {@link RuleTrace#NONE} on the hot path; the token inspector passes a recorder
     */
    public static TokenVerdict verify(String token, WidgetId widgetId, AuthenticationPolicy policy, WidgetKeyring keyring,
                                      Instant now, JwsCodec codec, RuleTrace trace) {
        Run run = new Run(Objects.requireNonNull(token, "token"), Objects.requireNonNull(widgetId, "widgetId"),
                Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(keyring, "keyring"),
                Objects.requireNonNull(now, "now"), Objects.requireNonNull(codec, "codec"),
                Objects.requireNonNull(trace, "trace"));
        for (Step step : Step.IN_ORDER) {
            Optional<Refusal> refusal = step.check(run);
            if (refusal.isPresent()) {
                return run.refused(refusal.get());
            }
        }
        return new TokenVerdict.Accepted(run.identity, run.matchedKey);
    }

    /** The state of one run: what the steps so far have read. */
    private static final class Run {
        final String token;
        final WidgetId widgetId;
        final AuthenticationPolicy policy;
        final WidgetKeyring keyring;
        final Instant now;
        final JwsCodec codec;
        final RuleTrace trace;
        final boolean tracing;

        boolean ascii = true;
        int dots;
        int firstDot = -1;
        int secondDot = -1;
        byte[] bytes;
        JsonValue.JsonObject header;
        byte[] payloadBytes;
        TokenAlgorithm algorithm;
        String kid;
        KeyChoice keys;
        dev.visitorauth.domain.widget.KeyId matchedKey;
        JsonValue.JsonObject claims;
        VisitorIdentity identity;

        Run(String token, WidgetId widgetId, AuthenticationPolicy policy, WidgetKeyring keyring, Instant now,
            JwsCodec codec, RuleTrace trace) {
            this.token = token;
            this.widgetId = widgetId;
            this.policy = policy;
            this.keyring = keyring;
            this.now = now;
            this.codec = codec;
            this.trace = trace;
            this.tracing = trace.enabled();
        }

        TokenVerdict refused(Refusal refusal) {
            if (tracing && claims == null && payloadBytes != null) {
                try {
                    trace.claims(codec.parseObject(payloadBytes), false);
                } catch (JsonSyntaxException notJson) {
                    // nothing to show
                }
            }
            Optional<String> reportedKid = kid == null ? Optional.empty() : Optional.of(TokenRefusals.reportable(kid));
            return new TokenVerdict.Refused(refusal, reportedKid,
                    claims == null ? Optional.empty() : VisitorTokenRules.issuedAt(claims));
        }

        Optional<Refusal> fail(String check, Refusal refusal) {
            trace.record(check, false, refusal.message());
            return Optional.of(refusal);
        }

        Optional<Refusal> fail(String check, Refusal refusal, String detail) {
            trace.record(check, false, detail);
            return Optional.of(refusal);
        }

        Optional<Refusal> pass(String check, String detail) {
            trace.record(check, true, detail);
            return Optional.empty();
        }
    }

    // 1. size, before anything is decoded: the UTF-8 length, without decoding a segment
    private static Optional<Refusal> size(Run run) {
        String token = run.token;
        if (token.length() > MAX_TOKEN_BYTES) {
            return run.fail("size", TokenRefusals.TOO_LARGE);
        }
        byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_TOKEN_BYTES) {
            return run.fail("size", TokenRefusals.TOO_LARGE);
        }
        run.ascii = utf8.length == token.length();
        run.bytes = utf8;
        run.firstDot = token.indexOf('.');
        run.secondDot = run.firstDot < 0 ? -1 : token.indexOf('.', run.firstDot + 1);
        int dot = run.secondDot;
        run.dots = run.firstDot < 0 ? 0 : run.secondDot < 0 ? 1 : 2;
        while (dot >= 0 && run.dots < 5 && (dot = token.indexOf('.', dot + 1)) >= 0) {
            run.dots++;
        }
        return run.tracing ? run.pass("size", utf8.length + " bytes (at most " + MAX_TOKEN_BYTES + ")") : Optional.empty();
    }

    // 2. form: ASCII, three segments, strict base64url header and payload, the header strict JSON
    private static Optional<Refusal> form(Run run) {
        if (!run.ascii) {
            return run.fail("form", TokenRefusals.NOT_ASCII);
        }
        if (!run.token.isEmpty() && run.token.charAt(0) == '{') {
            return run.fail("form", TokenRefusals.JSON_SERIALIZATION);
        }
        if (run.dots == 4) {
            return run.fail("form", TokenRefusals.JWE);
        }
        if (run.dots != 2) {
            return run.fail("form", TokenRefusals.NOT_THREE_SEGMENTS);
        }
        if (run.firstDot == 0) {
            return run.fail("form", TokenRefusals.EMPTY_HEADER);
        }
        if (run.secondDot == run.firstDot + 1) {
            return run.fail("form", TokenRefusals.EMPTY_PAYLOAD);
        }
        byte[] bytes = run.bytes; // ASCII, so its UTF-8 bytes are its characters
        JsonSyntaxException headerJson = null;
        try {
            run.header = run.codec.decodeHeader(bytes, run.firstDot);
            if (run.header == null) {
                return run.fail("form", TokenRefusals.HEADER_NOT_BASE64URL);
            }
        } catch (JsonSyntaxException e) {
            headerJson = e; // reported after the payload's encoding, in the spec's order
        }
        run.payloadBytes = run.codec.decodeSegment(bytes, run.firstDot + 1, run.secondDot);
        if (run.payloadBytes == null) {
            return run.fail("form", TokenRefusals.PAYLOAD_NOT_BASE64URL);
        }
        if (run.tracing) {
            run.pass("form", "compact JWS: three segments, header and payload strict base64url");
        }
        if (headerJson != null) {
            Refusal refusal = TokenRefusals.json(true, headerJson.failure());
            return run.fail("header", refusal, refusal.message() + detailOf(headerJson));
        }
        if (run.tracing) {
            run.trace.header(run.header);
            run.pass("header", "a strict JSON object with " + run.header.members().size() + " member(s)");
        }
        return Optional.empty();
    }

    // 3. header rules: alg present and a string, alg ours, member allowlist, typ, kid a string
    private static Optional<Refusal> header(Run run) {
        Map<String, JsonValue> members = run.header.members();
        JsonValue kidValue = members.get(KID);
        run.kid = kidValue instanceof JsonValue.JsonString kidString ? kidString.value() : null;

        JsonValue alg = members.get(ALG);
        if (!(alg instanceof JsonValue.JsonString algName)) {
            return noAlg(run, alg);
        }
        boolean publicKeys = run.keyring.acceptsPublicKeys();
        TokenAlgorithm named = TokenAlgorithm.named(algName.value());
        run.algorithm = named != null && (named.symmetric() || publicKeys) ? named : null;
        if (run.algorithm == null) {
            return wrongAlg(run, alg, publicKeys);
        }
        if (run.tracing) {
            run.pass("alg", run.algorithm.headerName());
        }
        JsonValue.JsonObject header = run.header;
        for (int i = 0, n = header.size(); i < n; i++) {
            String name = header.name(i);
            if (!name.equals(ALG) && !name.equals(TYP) && !name.equals(KID)) {
                return run.fail("members", TokenRefusals.memberNotAllowed(name));
            }
        }
        run.trace.record("members", true, "only alg, typ and kid");
        JsonValue typ = members.get(TYP);
        if (typ != null && !(typ instanceof JsonValue.JsonString typName && isJwt(typName.value()))) {
            return run.fail("typ", TokenRefusals.WRONG_TYP, run.tracing ? describe(typ) + "; it must be \"JWT\" when present" : null);
        }
        run.trace.record("typ", true, typ == null ? "absent" : "JWT");
        if (kidValue != null && run.kid == null) {
            return run.fail("kid", TokenRefusals.KID_NOT_STRING, run.tracing ? describe(kidValue) + "; it must be a string" : null);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> noAlg(Run run, JsonValue alg) {
        return run.fail("alg", TokenRefusals.NO_ALG, run.tracing
                ? (alg == null ? "absent" : describe(alg)) + "; it must be a string such as \"HS256\"" : null);
    }

    private static Optional<Refusal> wrongAlg(Run run, JsonValue alg, boolean publicKeys) {
        return run.fail("alg", publicKeys ? TokenRefusals.WRONG_ALG_WITH_PUBLIC_KEYS : TokenRefusals.WRONG_ALG,
                run.tracing ? describe(alg) + (publicKeys ? "; not an algorithm this widget's keys verify"
                        : "; only \"HS256\" is accepted") : null);
    }

    // 4. key choice: the kid's key only, or every key that may verify this alg
    private static Optional<Refusal> keyChoice(Run run) {
        Result<KeyChoice> choice = run.keyring.select(run.kid, run.algorithm, run.now);
        if (choice instanceof Result.Refused<KeyChoice> refused) {
            return run.fail("kid", refused.refusal());
        }
        run.keys = ((Result.Ok<KeyChoice>) choice).value();
        if (run.tracing) {
            run.pass("kid", run.kid == null ? "absent: the widget's keys for " + run.algorithm.headerName()
                    + " are tried, current first" : "names key " + TokenRefusals.reportable(run.kid));
        }
        return Optional.empty();
    }

    // 5. signature: exact length and canonical encoding, then the signature itself
    private static Optional<Refusal> signature(Run run) {
        return run.keys instanceof KeyChoice.Secrets secrets ? hmac(run, secrets) : publicKeySignature(run);
    }

    private static Optional<Refusal> hmac(Run run, KeyChoice.Secrets secrets) {
        byte[] mac = new byte[32];
        if (!run.codec.decodeSignature(run.bytes, run.secondDot + 1, run.token.length(), mac)) {
            return run.fail("signature", TokenRefusals.HMAC_MALFORMED);
        }
        for (WidgetSecret secret : secrets.verifying()) {
            if (run.codec.verifiesHmac(secret, run.bytes, run.secondDot, mac)) {
                return matched(run, secret.keyId(), run.tracing ? "HS256, verified with secret " + secret.keyId()
                        + (secret.retiredAt().isPresent() ? " (in its grace period)" : " (current)") : null);
            }
        }
        return hmacRefused(run, secrets, mac);
    }

    /** No secret that verifies now matched: a rotated-out one may explain why (cold path). */
    private static Optional<Refusal> hmacRefused(Run run, KeyChoice.Secrets secrets, byte[] mac) {
        for (WidgetSecret secret : secrets.rotatedOut()) {
            if (run.codec.verifiesHmac(secret, run.bytes, run.secondDot, mac)) {
                run.trace.matched(secret.keyId());
                return run.fail("signature", TokenRefusals.ROTATED_SIGNATURE, run.tracing ? "verifies only with secret "
                        + secret.keyId() + ", which has been rotated out; " + TokenRefusals.ROTATED_SIGNATURE.message() : null);
            }
        }
        return run.fail("signature", TokenRefusals.BAD_HMAC, run.tracing ? "verifies with none of " + (run.kid != null
                ? "secret " + TokenRefusals.reportable(run.kid) : "this widget's secrets") + "; " + TokenRefusals.BAD_HMAC.message() : null);
    }

    private static Optional<Refusal> publicKeySignature(Run run) {
        int from = run.secondDot + 1;
        int to = run.token.length();
        List<WidgetPublicKey> keys = ((KeyChoice.PublicKeys) run.keys).keys();
        byte[] signature = null;
        for (WidgetPublicKey key : keys) {
            int length = key.signatureBytes(run.algorithm);
            if (signature == null || signature.length != length) {
                byte[] decoded = new byte[length];
                if (!run.codec.decodeSignature(run.bytes, from, to, decoded)) {
                    continue;
                }
                signature = decoded;
            }
            if (run.codec.verifiesSignature(key, run.algorithm, run.bytes, run.secondDot, signature)) {
                return matched(run, key.keyId(), run.tracing ? run.algorithm.headerName() + ", verified with public key "
                        + key.keyId() + (key.origin() == WidgetPublicKey.Origin.JWKS ? " (from the JWKS URL)" : " (uploaded)") : null);
            }
        }
        if (signature == null) {
            return run.fail("signature", TokenRefusals.signatureMalformed(run.algorithm, keys.get(0)));
        }
        return run.fail("signature", TokenRefusals.BAD_PUBLIC_KEY_SIGNATURE, run.tracing ? "verifies with none of "
                + (run.kid != null ? "public key " + TokenRefusals.reportable(run.kid) : "this widget's " + run.algorithm.headerName()
                + " public keys") + "; " + TokenRefusals.BAD_PUBLIC_KEY_SIGNATURE.message() : null);
    }

    private static Optional<Refusal> matched(Run run, dev.visitorauth.domain.widget.KeyId keyId, String detail) {
        run.matchedKey = keyId;
        if (run.tracing) {
            run.trace.matched(keyId);
            run.pass("signature", detail);
        }
        return Optional.empty();
    }

    // 6. payload JSON, read only now that the signature verified
    private static Optional<Refusal> payload(Run run) {
        try {
            run.claims = run.codec.parseObject(run.payloadBytes);
        } catch (JsonSyntaxException e) {
            Refusal refusal = TokenRefusals.json(false, e.failure());
            return run.fail("payload", refusal, run.tracing ? refusal.message() + detailOf(e) : null);
        }
        if (run.tracing) {
            run.trace.claims(run.claims, true);
            run.pass("payload", "a strict JSON object with " + run.claims.members().size() + " claim(s)");
        }
        return Optional.empty();
    }

    // 7. times and claims
    private static Optional<Refusal> timesAndClaims(Run run) {
        Result<VisitorIdentity> result = VisitorTokenRules.evaluate(run.claims, run.widgetId, run.policy, run.now, run.trace);
        if (result instanceof Result.Ok<VisitorIdentity> ok) {
            run.identity = ok.value();
            return Optional.empty();
        }
        return Optional.of(((Result.Refused<VisitorIdentity>) result).refusal());
    }

    /** {@code typ} is JWT in any ASCII case (no locale-dependent case folding). */
    private static boolean isJwt(String typ) {
        return typ.length() == 3
                && (typ.charAt(0) | 0x20) == 'j'
                && (typ.charAt(1) | 0x20) == 'w'
                && (typ.charAt(2) | 0x20) == 't';
    }

    private static String describe(JsonValue value) {
        return value instanceof JsonValue.JsonString s ? "\"" + TokenRefusals.reportable(s.value()) + "\"" : "a JSON " + value.typeName();
    }

    private static String detailOf(JsonSyntaxException e) {
        return e.getMessage() == null || e.getMessage().isEmpty() ? "" : " (" + e.getMessage() + ")";
    }
}
