package dev.visitorauth.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.visitorauth.adapter.token.StrictJwsCodec;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Verifying one visitor token with the spec's nine claims, single thread, in one JMH run: the
 * project's verifier against a hand-written floor and against auth0 java-jwt, nimbus-jose-jwt and
 * jose4j's own {@code JwtConsumer}, each built once and reused as its docs recommend; then ES256
 * and RS256: ours (the widget's keyring holding the public key, as uploaded), jose4j and nimbus. Every contender is run once on its token in {@code @Setup} and
 * must accept it there: a verifier that refuses is never timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenVerificationBenchmark {
    private static final String SECRET = "Qk9wGz4s2Vb7Yx1nR8tL5mC3dF6hJ0aPeUiOyTqWsXz";
    private static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.UTF_8);
    private static final WidgetId WIDGET = new WidgetId("wgt_bench");
    private static final JsonFactory JSON = new JsonFactory();

    /** The project's verifier: the one place that names its class. */
    static VerifyVisitorTokenPort ourVerifier() {
        return new StrictJwsCodec();
    }

    /** The spec's nine claims: id, name, email, avatar, companyId, companyName, customData (3 keys), iat, exp. */
    static JWTClaimsSet nineClaims(Instant now) {
        Map<String, Object> customData = new LinkedHashMap<>();
        customData.put("plan", "pro");
        customData.put("seats", 12);
        customData.put("beta", true);
        return new JWTClaimsSet.Builder()
                .claim("id", "user-4242")
                .claim("name", "Ada Lovelace")
                .claim("email", "ada@example.com")
                .claim("avatar", "https://cdn.example.com/avatars/ada.png")
                .claim("companyId", "acme-1")
                .claim("companyName", "Acme Corporation")
                .claim("customData", customData)
                .issueTime(Date.from(now))
                // 5 minutes: within the default 600 s lifetime, and longer than any trial, since
                // the other libraries read the system clock.
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build();
    }

    static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, Instant now) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid).build(), nineClaims(now));
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** nimbus: parse, verify the signature, read the claims, check exp (nimbus leaves time to the caller). */
    static JWTClaimsSet nimbusVerify(String token, JWSVerifier verifier) throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(verifier)) {
            throw new IllegalStateException("nimbus: bad signature");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.after(new Date())) {
            throw new IllegalStateException("nimbus: expired");
        }
        return claims;
    }

    static JwtConsumer jose4jConsumer(Key key, String alg) {
        return new JwtConsumerBuilder().setRequireExpirationTime().setSkipDefaultAudienceValidation()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                .build();
    }

    /**
     * A request for ours with a keyring holding an HS256 secret and, beside it, the public key as an
     * admin uploads it: its public JWK (as jose4j writes it) accepted by the domain's JWK rule.
     */
    static TokenVerificationRequest publicKeyRequest(String token, java.security.PublicKey publicKey, String kty,
                                                     Optional<String> curve, int bits, String kid, Instant now) throws Exception {
        String jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        JwkFacts facts = new JwkFacts(kty, curve, Optional.empty(), Optional.of(kid), Optional.empty(), bits, Set.of(), jwk);
        Result<WidgetPublicKey> accepted = WidgetPublicKey.accept(facts, new KeyId(kid), now, WidgetPublicKey.Origin.UPLOADED);
        if (!(accepted instanceof Result.Ok<WidgetPublicKey> ok)) {
            throw new IllegalStateException("the benchmark's public key is refused: " + accepted);
        }
        WidgetKeyring keyring = WidgetKeyring.restore(WIDGET, List.of(WidgetSecret.current(new KeyId("k_bench"), SecretValue.of(SECRET), now)),
                List.of(ok.value()), Optional.empty());
        return new TokenVerificationRequest(token, WIDGET, AuthenticationPolicy.defaults(), keyring, now);
    }

    static void require(boolean accepted, String who) {
        if (!accepted) {
            throw new IllegalStateException(who + " refuses the benchmark token; it must not be timed");
        }
    }

    /** HS256 with a widget secret, every contender. */
    @State(Scope.Thread)
    public static class Hs256 {
        String token;
        VerifyVisitorTokenPort ours;
        TokenVerificationRequest request;
        Mac mac;
        JWTVerifier auth0;
        MACVerifier nimbus;
        JwtConsumer jose4j;

        @Setup
        public void setUp() throws Exception {
            Instant now = Instant.now();
            token = sign(JWSAlgorithm.HS256, null, new MACSigner(SECRET_BYTES), now);
            WidgetKeyring keyring = WidgetKeyring.create(WIDGET, new KeyId("k_bench"), SecretValue.of(SECRET), now);
            request = new TokenVerificationRequest(token, WIDGET, AuthenticationPolicy.defaults(), keyring, now);
            ours = ourVerifier();
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET_BYTES, "HmacSHA256"));
            auth0 = JWT.require(Algorithm.HMAC256(SECRET_BYTES)).build();
            nimbus = new MACVerifier(SECRET_BYTES);
            jose4j = jose4jConsumer(new HmacKey(SECRET_BYTES), AlgorithmIdentifiers.HMAC_SHA256);

            require(ours.verify(request) instanceof TokenCheck.Verified, "ours");
            require(floor(this) == 27, "the floor"); // 9 names, 8 plain values, customData with 3 members: 27 JSON tokens
            require(auth0.verify(token).getClaim("id").asString().equals("user-4242"), "auth0");
            require(nimbusVerify(token, nimbus).getStringClaim("id").equals("user-4242"), "nimbus");
            require(jose4j.processToClaims(token).getStringClaimValue("id").equals("user-4242"), "jose4j");
        }
    }

    /** ES256 (P-256) with a public key. */
    @State(Scope.Thread)
    public static class Es256 {
        String token;
        VerifyVisitorTokenPort ours;
        TokenVerificationRequest request;
        ECDSAVerifier nimbus;
        JwtConsumer jose4j;

        @Setup
        public void setUp() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            token = sign(JWSAlgorithm.ES256, "k_es256", new ECDSASigner((ECPrivateKey) pair.getPrivate()), now);
            ours = ourVerifier();
            request = publicKeyRequest(token, pair.getPublic(), "EC", Optional.of("P-256"), 256, "k_es256", now);
            nimbus = new ECDSAVerifier((ECPublicKey) pair.getPublic());
            jose4j = jose4jConsumer(pair.getPublic(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

            require(ours.verify(request) instanceof TokenCheck.Verified, "ours");
            require(nimbusVerify(token, nimbus).getStringClaim("id").equals("user-4242"), "nimbus");
            require(jose4j.processToClaims(token).getStringClaimValue("id").equals("user-4242"), "jose4j");
        }
    }

    /** RS256 with a 2048-bit RSA public key. */
    @State(Scope.Thread)
    public static class Rs256 {
        String token;
        VerifyVisitorTokenPort ours;
        TokenVerificationRequest request;
        RSASSAVerifier nimbus;
        JwtConsumer jose4j;

        @Setup
        public void setUp() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            token = sign(JWSAlgorithm.RS256, "k_rs256", new RSASSASigner((RSAPrivateKey) pair.getPrivate()), now);
            ours = ourVerifier();
            request = publicKeyRequest(token, pair.getPublic(), "RSA", Optional.empty(), 2048, "k_rs256", now);
            nimbus = new RSASSAVerifier((RSAPublicKey) pair.getPublic());
            jose4j = jose4jConsumer(pair.getPublic(), AlgorithmIdentifiers.RSA_USING_SHA256);

            require(ours.verify(request) instanceof TokenCheck.Verified, "ours");
            require(nimbusVerify(token, nimbus).getStringClaim("id").equals("user-4242"), "nimbus");
            require(jose4j.processToClaims(token).getStringClaimValue("id").equals("user-4242"), "jose4j");
        }
    }

    /** The floor: split, one reused Mac, constant-time compare, base64url, Jackson token walk. */
    static int floor(Hs256 s) throws Exception {
        String token = s.token;
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        byte[] expected = s.mac.doFinal(token.substring(0, second).getBytes(StandardCharsets.US_ASCII));
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(second + 1));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new IllegalStateException("bad signature");
        }
        return jacksonWalk(Base64.getUrlDecoder().decode(token.substring(first + 1, second)));
    }

    /** The floor's JSON: {@code utf8} walked token by token with jackson-core, building nothing; the token count. */
    static int jacksonWalk(byte[] utf8) {
        int tokens = 0;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), utf8)) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    /** The project's verifier: everything the spec asks, in its order. */
    @Benchmark
    public TokenCheck hs256Ours(Hs256 s) {
        return s.ours.verify(s.request);
    }

    /** The floor: the least any verifier must do (no claim rules, no strictness). */
    @Benchmark
    public int hs256Floor(Hs256 s) throws Exception {
        return floor(s);
    }

    /** auth0 java-jwt: one reused JWTVerifier (signature, exp, the claims decoded lazily by Jackson). */
    @Benchmark
    public Object hs256Auth0(Hs256 s) {
        return s.auth0.verify(s.token);
    }

    /** nimbus-jose-jwt: SignedJWT.parse, a reused MACVerifier, the claims set, exp. */
    @Benchmark
    public Object hs256Nimbus(Hs256 s) throws Exception {
        return nimbusVerify(s.token, s.nimbus);
    }

    /** jose4j's JwtConsumer, built once and reused (signature and exp). */
    @Benchmark
    public Object hs256Jose4j(Hs256 s) throws Exception {
        return s.jose4j.processToClaims(s.token);
    }

    @Benchmark
    public TokenCheck es256Ours(Es256 s) {
        return s.ours.verify(s.request);
    }

    @Benchmark
    public Object es256Nimbus(Es256 s) throws Exception {
        return nimbusVerify(s.token, s.nimbus);
    }

    @Benchmark
    public Object es256Jose4j(Es256 s) throws Exception {
        return s.jose4j.processToClaims(s.token);
    }

    @Benchmark
    public TokenCheck rs256Ours(Rs256 s) {
        return s.ours.verify(s.request);
    }

    @Benchmark
    public Object rs256Nimbus(Rs256 s) throws Exception {
        return nimbusVerify(s.token, s.nimbus);
    }

    @Benchmark
    public Object rs256Jose4j(Rs256 s) throws Exception {
        return s.jose4j.processToClaims(s.token);
    }
}
