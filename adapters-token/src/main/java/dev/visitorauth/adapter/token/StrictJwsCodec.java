package dev.visitorauth.adapter.token;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.token.JwsCodec;
import dev.visitorauth.domain.token.RuleTrace;
import dev.visitorauth.domain.token.TokenVerdict;
import dev.visitorauth.domain.token.VisitorTokenVerification;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;
import org.jose4j.jws.EdDsaAlgorithm;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.jws.RsaUsingShaAlgorithm;
import org.jose4j.lang.JoseException;

/**
 * The compact JWS, decoded strictly, and its signature checked: the two things the token rules
 * ({@link VisitorTokenVerification}, in the domain) need from a JOSE implementation. It holds no
 * product rule: which segment, which key, which length and what a failure means are all the
 * domain's.
 *
 * <ul>
 *   <li>Segments: strict base64url ({@link StrictBase64Url}) and strict JSON ({@link StrictJson});
 *       the headers common JWT libraries write are recognised by their exact bytes and not decoded
 *       again.</li>
 *   <li>HS256: HMAC-SHA256 over the JDK's SHA-256 with each secret's pad blocks hashed once
 *       ({@link PrecomputedHmacSha256}), one per secret per thread (no provider look-up or key
 *       set-up per call), compared in constant time.</li>
 *   <li>RS256, PS256, ES256 and EdDSA: jose4j's signature algorithms over the public key jose4j
 *       parsed from the stored JWK (parsed once per key, then cached).</li>
 * </ul>
 *
 * <p>It also implements {@link VerifyVisitorTokenPort} by running the domain's rules with itself as
 * the codec. Thread-safe; one instance serves every widget.
 */
public final class StrictJwsCodec implements JwsCodec, VerifyVisitorTokenPort {
    /** Per thread, the most secrets whose precomputed HMAC key is kept. */
    static final int MACS_PER_THREAD = 16;
    /** The most parsed public keys kept (the cache starts over when full). */
    static final int MAX_PARSED_KEYS = 1024;

    private static final ThreadLocal<HmacSha256> MACS = ThreadLocal.withInitial(HmacSha256::new);
    private static final ProviderContext PROVIDERS = new ProviderContext();
    private static final Map<TokenAlgorithm, JsonWebSignatureAlgorithm> SIGNATURES = Map.of(
            TokenAlgorithm.RS256, new RsaUsingShaAlgorithm.RsaSha256(),
            TokenAlgorithm.PS256, new RsaUsingShaAlgorithm.RsaPssSha256(),
            TokenAlgorithm.ES256, new EcdsaUsingShaAlgorithm.EcdsaP256UsingSha256(),
            TokenAlgorithm.EDDSA, new EdDsaAlgorithm());

    /**
     * The headers common JWT libraries emit, as their exact base64url segments, with the object each
     * parses to: a header segment equal to one of these skips decoding and parsing (the verdict is
     * the same, only cheaper).
     */
    private static final List<KnownHeader> KNOWN_HEADERS = List.of(
            KnownHeader.of("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"),
            KnownHeader.of("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"),
            KnownHeader.of("{\"alg\":\"HS256\"}"));

    private final Map<String, Key> parsedKeys = new ConcurrentHashMap<>();

    public StrictJwsCodec() {
    }

    @Override
    public TokenCheck verify(TokenVerificationRequest request) {
        return TokenCheck.of(run(request, RuleTrace.NONE));
    }

    @Override
    public TokenInspection inspect(TokenVerificationRequest request) {
        Inspection inspection = new Inspection();
        TokenVerdict verdict = run(request, inspection);
        return TokenInspection.of(verdict, Optional.ofNullable(inspection.keyId), Optional.ofNullable(inspection.header),
                Optional.ofNullable(inspection.claims), inspection.steps);
    }

    private TokenVerdict run(TokenVerificationRequest request, RuleTrace trace) {
        return VisitorTokenVerification.verify(request.token(), request.widgetId(), request.policy(), request.keyring(),
                request.now(), this, trace);
    }

    // ---- decoding ----

    @Override
    public byte[] decodeSegment(byte[] ascii, int from, int to) {
        return StrictBase64Url.decode(ascii, from, to);
    }

    @Override
    public JsonValue.JsonObject decodeHeader(byte[] ascii, int end) throws JsonSyntaxException {
        for (KnownHeader known : KNOWN_HEADERS) {
            if (Arrays.equals(ascii, 0, end, known.segment, 0, known.segment.length)) {
                return known.header;
            }
        }
        byte[] decoded = decodeSegment(ascii, 0, end);
        return decoded == null ? null : StrictJson.parseObject(decoded);
    }

    @Override
    public JsonValue.JsonObject parseObject(byte[] utf8) throws JsonSyntaxException {
        return StrictJson.parseObject(utf8);
    }

    @Override
    public boolean decodeSignature(byte[] ascii, int from, int to, byte[] into) {
        return StrictBase64Url.decodedLength(to - from) == into.length && StrictBase64Url.decode(ascii, from, to, into);
    }

    // ---- signatures ----

    @Override
    public boolean verifiesHmac(WidgetSecret secret, byte[] ascii, int signedLength, byte[] signature) {
        return MACS.get().verifies(secret, ascii, signedLength, signature);
    }

    @Override
    public boolean verifiesSignature(WidgetPublicKey key, TokenAlgorithm algorithm, byte[] ascii, int signedLength,
                                     byte[] signature) {
        JsonWebSignatureAlgorithm verifier = SIGNATURES.get(algorithm);
        if (verifier == null || !key.allows(algorithm)) {
            throw new IllegalArgumentException(algorithm + " is not verified with a public key of type " + key.type());
        }
        Key publicKey = publicKey(key);
        try {
            return verifier.verifySignature(signature, publicKey, Arrays.copyOf(ascii, signedLength), PROVIDERS);
        } catch (JoseException | RuntimeException e) {
            // Untrusted signature bytes meeting a library: a signature jose4j cannot check does not verify.
            return false;
        }
    }

    /** The JWK parsed by jose4j, once per key. A stored key that no longer parses is a broken invariant. */
    private Key publicKey(WidgetPublicKey key) {
        Key cached = parsedKeys.get(key.jwk());
        if (cached != null) {
            return cached;
        }
        Key parsed;
        try {
            parsed = PublicJsonWebKey.Factory.newPublicJwk(key.jwk()).getPublicKey();
        } catch (JoseException e) {
            throw new IllegalStateException("the stored public key " + key.keyId() + " is not a valid JWK", e);
        }
        if (parsedKeys.size() >= MAX_PARSED_KEYS) {
            parsedKeys.clear();
        }
        parsedKeys.put(key.jwk(), parsed);
        return parsed;
    }

    /** One thread's HMAC-SHA256 keys, by secret, least recently used dropped first. */
    private static final class HmacSha256 {
        private final LinkedHashMap<String, PrecomputedHmacSha256> bySecret =
                new LinkedHashMap<>(MACS_PER_THREAD * 2, 0.75f, true) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, PrecomputedHmacSha256> eldest) {
                        return size() > MACS_PER_THREAD;
                    }
                };

        boolean verifies(WidgetSecret secret, byte[] ascii, int signedLength, byte[] signature) {
            String key = secret.value().reveal();
            PrecomputedHmacSha256 hmac = bySecret.get(key);
            if (hmac == null) {
                hmac = newKey(secret);
                bySecret.put(key, hmac);
            }
            return hmac.verifies(ascii, 0, signedLength, signature);
        }

        private static PrecomputedHmacSha256 newKey(WidgetSecret secret) {
            byte[] keyBytes = secret.value().keyBytes();
            try {
                return new PrecomputedHmacSha256(keyBytes);
            } finally {
                Arrays.fill(keyBytes, (byte) 0);
            }
        }
    }

    /** A header segment exactly as a common library writes it, and what it parses to. */
    private record KnownHeader(byte[] segment, JsonValue.JsonObject header) {
        static KnownHeader of(String json) {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            try {
                return new KnownHeader(Base64.getUrlEncoder().withoutPadding().encode(utf8), StrictJson.parseObject(utf8));
            } catch (JsonSyntaxException e) {
                throw new IllegalStateException("a known header must be strict JSON: " + json, e);
            }
        }
    }

    /** Collects every step for the token inspector. One per inspection; never shared. */
    private static final class Inspection implements RuleTrace {
        final List<TokenInspection.Step> steps = new ArrayList<>();
        KeyId keyId;
        JsonValue.JsonObject header;
        JsonValue.JsonObject claims;

        @Override
        public void record(String check, boolean passed, String detail) {
            steps.add(new TokenInspection.Step(check, passed, detail == null ? "" : detail));
        }

        @Override
        public void header(JsonValue.JsonObject header) {
            this.header = header;
        }

        @Override
        public void matched(KeyId keyId) {
            this.keyId = keyId;
        }

        @Override
        public void claims(JsonValue.JsonObject claims, boolean verified) {
            this.claims = claims;
        }
    }
}
