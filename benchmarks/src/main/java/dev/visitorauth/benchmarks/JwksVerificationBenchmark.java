package dev.visitorauth.benchmarks;

import dev.visitorauth.adapter.token.StrictJwsCodec;
import dev.visitorauth.application.port.out.FetchJwksPort;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.service.JwksKeyCache;
import dev.visitorauth.application.service.TokenVerificationService;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
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

/**
 * What a widget's JWKS URL adds to verifying an ES256 token once its set is cached: the same token
 * and key, uploaded to the keyring or read from the JWKS (a stand-in port, so no HTTP in the loop),
 * through the application's verification service, beside the codec alone.
 *
 * <pre>
 * mvn -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 5 -w 2s -i 5 -r 2s -prof gc JwksVerificationBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwksVerificationBenchmark {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final WidgetId WIDGET = new WidgetId("wdg_bench");
    private static final WorkspaceId WORKSPACE = new WorkspaceId("ws_bench");

    private StrictJwsCodec codec;
    private TokenVerificationService service;
    private TokenVerificationRequest uploaded;
    private TokenVerificationRequest fromJwks;

    @Setup
    public void setUp() throws Exception {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("es-1");
        JwkFacts facts = new JwkFacts("EC", Optional.of("P-256"), Optional.empty(), Optional.of("es-1"), Optional.empty(), 256,
                Set.of(), key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue("es-1");
        jws.setPayload("{\"id\":\"user-42\",\"name\":\"Ada Lovelace\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                + (NOW.getEpochSecond() + 30) + "}");
        jws.setKey(key.getPrivateKey());
        String token = jws.getCompactSerialization();

        WidgetKeyring secrets = WidgetKeyring.create(WIDGET, new KeyId("hs-1"),
                SecretValue.of("Qk9wGz4s2Vb7Yx1nR8tL5mC3dF6hJ0aPeUiOyTqWsXz"), NOW);
        WidgetKeyring withUploaded = secrets.withPublicKey(WidgetPublicKey.accept(facts, new KeyId("unused"), NOW,
                WidgetPublicKey.Origin.UPLOADED).orElseThrow()).orElseThrow();
        WidgetKeyring withJwks = secrets.withJwksUrl(Optional.of(new JwksUrl("https://keys.example/jwks.json")));
        FetchJwksPort port = url -> new FetchJwksPort.JwksFetch.Fetched(List.of(facts), Optional.of(Duration.ofHours(24)));

        codec = new StrictJwsCodec();
        service = new TokenVerificationService(codec, new JwksKeyCache(port, 10), failure -> { });
        uploaded = new TokenVerificationRequest(token, WIDGET, AuthenticationPolicy.defaults(), withUploaded, NOW);
        fromJwks = new TokenVerificationRequest(token, WIDGET, AuthenticationPolicy.defaults(), withJwks, NOW);
        if (!(service.verify(WORKSPACE, fromJwks) instanceof TokenCheck.Verified)
                || !(service.verify(WORKSPACE, uploaded) instanceof TokenCheck.Verified)) {
            throw new IllegalStateException("the benchmark's token does not verify");
        }
    }

    @Benchmark
    public TokenCheck es256CodecAloneUploadedKey() {
        return codec.verify(uploaded);
    }

    @Benchmark
    public TokenCheck es256ServiceUploadedKey() {
        return service.verify(WORKSPACE, uploaded);
    }

    @Benchmark
    public TokenCheck es256ServiceCachedJwksKey() {
        return service.verify(WORKSPACE, fromJwks);
    }
}
