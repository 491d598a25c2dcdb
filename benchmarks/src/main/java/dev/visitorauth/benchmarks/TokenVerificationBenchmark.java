package dev.visitorauth.benchmarks;

import dev.visitorauth.adapter.token.StrictJwsCodec;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
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
 * Verifying one visitor token with the spec's nine claims, single thread: our verifier (strict
 * pre-check + jose4j HMAC + claim rules) against a hand-written floor (split, one reused Mac,
 * constant-time compare, base64url, Jackson parse) and jose4j's own JwtConsumer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenVerificationBenchmark {
    private static final String SECRET = "Qk9wGz4s2Vb7Yx1nR8tL5mC3dF6hJ0aPeUiOyTqWsXz";
    private static final JsonFactory JSON = new JsonFactory();

    private StrictJwsCodec verifier;
    private TokenVerificationRequest request;
    private String token;
    private Mac mac;
    private JwtConsumer consumer;

    @Setup
    public void setUp() throws Exception {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 30));
        claims.setStringClaim("id", "user-4242");
        claims.setStringClaim("name", "Ada Lovelace");
        claims.setStringClaim("email", "ada@example.com");
        claims.setStringClaim("avatar", "https://cdn.example.com/avatars/ada.png");
        claims.setStringClaim("companyId", "acme-1");
        claims.setStringClaim("companyName", "Acme Corporation");
        claims.setClaim("customData", java.util.Map.of("plan", "pro", "seats", 12, "beta", true));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)));
        token = jws.getCompactSerialization();

        WidgetId widget = new WidgetId("wgt_bench");
        WidgetKeyring keyring = WidgetKeyring.create(widget, new KeyId("k_bench"), SecretValue.of(SECRET), now);
        request = new TokenVerificationRequest(token, widget, AuthenticationPolicy.defaults(), keyring, now);
        verifier = new StrictJwsCodec();
        if (!(verifier.verify(request) instanceof TokenCheck.Verified)) {
            throw new IllegalStateException("benchmark token does not verify");
        }

        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        consumer = new JwtConsumerBuilder().setRequireExpirationTime().setSkipDefaultAudienceValidation()
                .setVerificationKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    /** The project's verifier: everything the spec asks, in its order. */
    @Benchmark
    public TokenCheck visitorauthVerifier() {
        return verifier.verify(request);
    }

    /** The floor: the least any verifier must do (no claim rules, no strictness). */
    @Benchmark
    public int handWrittenFloor() throws Exception {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        byte[] expected = mac.doFinal(token.substring(0, second).getBytes(StandardCharsets.US_ASCII));
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(second + 1));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new IllegalStateException("bad signature");
        }
        byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
        int tokens = 0;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), payload)) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    /** jose4j's JwtConsumer, built once and reused, as its docs recommend. */
    @Benchmark
    public Object jose4jJwtConsumer() throws Exception {
        return consumer.processToClaims(token);
    }
}
