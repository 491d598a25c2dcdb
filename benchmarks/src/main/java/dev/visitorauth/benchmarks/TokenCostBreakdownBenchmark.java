package dev.visitorauth.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import dev.visitorauth.adapter.token.StrictJwsCodec;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.token.JwsCodec;
import dev.visitorauth.domain.token.RuleTrace;
import dev.visitorauth.domain.token.TokenVerdict;
import dev.visitorauth.domain.token.VisitorTokenRules;
import dev.visitorauth.domain.token.VisitorTokenVerification;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.widget.WidgetSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Where the time of one HS256 verification goes (docs/performance.md): the payload's JSON read by
 * our strict reader against the floor's Jackson token walk, the domain's rules with a codec that
 * does no work (every step from size to claims, decoding and signature answered from memory), and the
 * HMAC alone. The benchmark token is {@link TokenVerificationBenchmark}'s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TokenCostBreakdownBenchmark {
    private static final WidgetId WIDGET = new WidgetId("wgt_bench");
    private static final SecretValue SECRET = SecretValue.of("Qk9wGz4s2Vb7Yx1nR8tL5mC3dF6hJ0aPeUiOyTqWsXz");

    private String token;
    private byte[] signingInput;
    private byte[] signature;
    private byte[] payload;
    private StrictJwsCodec codec;
    private JwsCodec fromMemory;
    private WidgetKeyring keyring;
    private WidgetSecret secret;
    private Instant now;
    private JsonValue.JsonObject claims;
    private Mac jdkMac;
    private byte[] jdkResult;

    @Setup
    public void setUp() throws Exception {
        now = Instant.now();
        token = TokenVerificationBenchmark.sign(JWSAlgorithm.HS256, null,
                new MACSigner(SECRET.reveal().getBytes(StandardCharsets.UTF_8)), now);
        byte[] ascii = token.getBytes(StandardCharsets.US_ASCII);
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        codec = new StrictJwsCodec();
        payload = codec.decodeSegment(ascii, first + 1, second);
        signingInput = java.util.Arrays.copyOf(ascii, second);
        signature = new byte[32];
        TokenVerificationBenchmark.require(codec.decodeSignature(ascii, second + 1, ascii.length, signature), "the signature");
        keyring = WidgetKeyring.create(WIDGET, new KeyId("k_bench"), SECRET, now);
        secret = keyring.secrets().get(0);
        JsonValue.JsonObject header = codec.decodeHeader(ascii, first);
        claims = codec.parseObject(payload);
        fromMemory = new JwsCodec() {
            @Override
            public byte[] decodeSegment(byte[] token, int from, int to) {
                return payload;
            }

            @Override
            public JsonValue.JsonObject decodeHeader(byte[] token, int end) {
                return header;
            }

            @Override
            public JsonValue.JsonObject parseObject(byte[] utf8) {
                return claims;
            }

            @Override
            public boolean decodeSignature(byte[] token, int from, int to, byte[] into) {
                return true;
            }

            @Override
            public boolean verifiesHmac(WidgetSecret secret, byte[] token, int length, byte[] signature) {
                return true;
            }

            @Override
            public boolean verifiesSignature(WidgetPublicKey key, TokenAlgorithm algorithm, byte[] token, int length,
                                             byte[] signature) {
                return true;
            }
        };
        TokenVerificationBenchmark.require(rulesOnly() instanceof TokenVerdict.Accepted, "the rules");
        jdkMac = Mac.getInstance("HmacSHA256");
        jdkMac.init(new SecretKeySpec(SECRET.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        jdkResult = new byte[32];
        TokenVerificationBenchmark.require(hmacOnly(), "the HMAC");
        TokenVerificationBenchmark.require(hmacJdkMac(), "the JDK's HMAC");
        TokenVerificationBenchmark.require(claimRulesOnly() instanceof Result.Ok<VisitorIdentity>, "the claim rules");
    }

    /** The payload read by our strict reader into the domain's tree. */
    @Benchmark
    public JsonValue.JsonObject payloadOurReader() throws JsonSyntaxException {
        return codec.parseObject(payload);
    }

    /** The payload walked token by token with Jackson, building nothing: what the floor does. */
    @Benchmark
    public int payloadJacksonWalk() {
        return TokenVerificationBenchmark.jacksonWalk(payload);
    }

    /** Every step of the domain's verification, with decoding, JSON and signature answered from memory. */
    @Benchmark
    public TokenVerdict rulesOnly() {
        return VisitorTokenVerification.verify(token, WIDGET, AuthenticationPolicy.defaults(), keyring, now, fromMemory,
                RuleTrace.NONE);
    }

    /** The times and claim rules alone, on the parsed payload (the last step of {@link #rulesOnly}). */
    @Benchmark
    public Result<VisitorIdentity> claimRulesOnly() {
        return VisitorTokenRules.evaluate(claims, WIDGET, AuthenticationPolicy.defaults(), now, RuleTrace.NONE);
    }

    /** HMAC-SHA256 of the signing input with the codec's per-thread key (pad blocks precomputed), and the constant-time compare. */
    @Benchmark
    public boolean hmacOnly() {
        return codec.verifiesHmac(secret, signingInput, signingInput.length, signature);
    }

    /** The same with one reused, initialised {@code javax.crypto.Mac} (what the floor does, and the codec did before). */
    @Benchmark
    public boolean hmacJdkMac() throws Exception {
        jdkMac.update(signingInput, 0, signingInput.length);
        jdkMac.doFinal(jdkResult, 0);
        return MessageDigest.isEqual(jdkResult, signature);
    }
}
