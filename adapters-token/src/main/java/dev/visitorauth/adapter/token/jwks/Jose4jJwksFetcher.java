package dev.visitorauth.adapter.token.jwks;

import dev.visitorauth.adapter.token.outbound.OutboundHttpClient;
import dev.visitorauth.adapter.token.outbound.OutboundRefusedException;
import dev.visitorauth.application.port.out.FetchJwksPort;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksUrl;
import java.io.IOException;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a JWKS URL through the guarded {@link OutboundHttpClient} and reads the set with jose4j
 * ({@link JsonUtil} refuses duplicate members; {@link JsonWebKey.Factory} builds each key; an EC
 * point off its curve, which jose4j lets through, is skipped here). It reports what each JWK says ({@link JwkFacts}); which
 * keys a widget may use is the domain's rule, applied by the caller. Failures are logged at WARN
 * with the host only, and returned; never thrown. Thread-safe.
 */
public final class Jose4jJwksFetcher implements FetchJwksPort {
    /** The most members of {@code keys} read from one set; the rest are ignored. */
    public static final int MAX_KEYS_READ = 100;

    private static final Logger log = LoggerFactory.getLogger(Jose4jJwksFetcher.class);
    private static final String ACCEPT = "application/jwk-set+json, application/json;q=0.9";
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    /** Longer than any lifetime the domain keeps; bounds a huge max-age before it becomes a Duration. */
    private static final long MAX_AGE_CAP_SECONDS = 10L * 365 * 24 * 3600;

    private final OutboundHttpClient http;

    public Jose4jJwksFetcher(OutboundHttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public JwksFetch fetchJwks(JwksUrl url) {
        URI uri = URI.create(url.value());
        String host = uri.getHost();
        JwksFetch fetch = fetch(uri, host);
        if (fetch instanceof JwksFetch.Failed failed) {
            log.warn("JWKS unavailable: {}", failed.reason());
        }
        return fetch;
    }

    private JwksFetch fetch(URI uri, String host) {
        OutboundHttpClient.Response response;
        try {
            response = http.get(uri, ACCEPT);
        } catch (OutboundRefusedException e) {
            return new JwksFetch.Failed("the JWKS URL was refused: " + e.getMessage());
        } catch (OutboundHttpClient.ResponseLimitException e) {
            return new JwksFetch.Failed("the JWKS from " + host + " was refused: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return new JwksFetch.Failed(host + " did not answer in time");
        } catch (IOException e) {
            return new JwksFetch.Failed(host + " could not be reached (" + e.getClass().getSimpleName() + ")");
        }
        if (response.status() != 200) {
            return new JwksFetch.Failed(host + " answered HTTP " + response.status()
                    + (response.status() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        Map<String, Object> set;
        try {
            set = JsonUtil.parseJson(utf8(response.body()));
        } catch (JoseException | CharacterCodingException | RuntimeException e) {
            // RuntimeException: the bytes come from another host and meet a library's parser here
            return new JwksFetch.Failed("the answer of " + host + " is not JSON");
        }
        if (set == null || !(set.get("keys") instanceof List<?> members)) {
            return new JwksFetch.Failed("the answer of " + host + " is not a JWK set (no \"keys\" array)");
        }
        List<JwkFacts> keys = new ArrayList<>();
        for (Object member : members.subList(0, Math.min(members.size(), MAX_KEYS_READ))) {
            if (member instanceof Map<?, ?> map) {
                facts(map).ifPresent(keys::add);
            }
        }
        return new JwksFetch.Fetched(keys, maxAge(response.header("cache-control")));
    }

    /** What a JWK says of itself; empty when jose4j cannot read it as a key. */
    @SuppressWarnings("unchecked")
    static Optional<JwkFacts> facts(Map<?, ?> member) {
        Map<String, Object> params = (Map<String, Object>) member;
        JsonWebKey jwk;
        try {
            jwk = JsonWebKey.Factory.newJwk(params);
        } catch (JoseException | RuntimeException e) {
            return Optional.empty(); // a member that is no key jose4j reads (unknown kty, bad members): skipped
        }
        Optional<String> curve = Optional.empty();
        int bits = 0;
        if (jwk instanceof RsaJsonWebKey rsa) {
            RSAPublicKey key = rsa.getRsaPublicKey();
            bits = key.getModulus().bitLength();
        } else if (jwk instanceof EllipticCurveJsonWebKey ec) {
            curve = Optional.ofNullable(ec.getCurveName());
            ECPublicKey key = ec.getECPublicKey();
            if (!onCurve(key)) {
                return Optional.empty(); // jose4j does not check the point; a key off its curve is no key
            }
            bits = key.getParams().getCurve().getField().getFieldSize();
        } else if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            curve = Optional.ofNullable(okp.getSubtype());
            bits = OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype()) ? 256 : 0;
        }
        Set<String> privateMembers = new TreeSet<>();
        for (Object name : params.keySet()) {
            if (PRIVATE_MEMBERS.contains(String.valueOf(name))) {
                privateMembers.add(String.valueOf(name));
            }
        }
        return Optional.of(new JwkFacts(jwk.getKeyType(), curve, Optional.ofNullable(jwk.getAlgorithm()),
                Optional.ofNullable(jwk.getKeyId()), Optional.ofNullable(jwk.getUse()), bits, privateMembers,
                jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }

    /** True when the key's point lies on its (prime field) curve: y² = x³ + ax + b (mod p). */
    static boolean onCurve(ECPublicKey key) {
        if (!(key.getParams().getCurve().getField() instanceof ECFieldFp field)) {
            return false;
        }
        BigInteger p = field.getP();
        BigInteger x = key.getW().getAffineX();
        BigInteger y = key.getW().getAffineY();
        if (x == null || y == null || x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger a = key.getParams().getCurve().getA();
        BigInteger b = key.getParams().getCurve().getB();
        BigInteger right = x.pow(3).add(a.multiply(x)).add(b).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    /**
     * The {@code max-age} of {@code Cache-Control} headers; {@code no-cache} or {@code no-store}
     * read as zero; empty when neither is there (a malformed {@code max-age} counts as absent).
     */
    static Optional<Duration> maxAge(List<String> cacheControl) {
        Optional<Duration> maxAge = Optional.empty();
        for (String header : cacheControl) {
            for (String directive : header.split(",")) {
                String d = directive.trim().toLowerCase(Locale.ROOT);
                if (d.equals("no-cache") || d.equals("no-store")) {
                    return Optional.of(Duration.ZERO);
                }
                if (d.startsWith("max-age=")) {
                    String value = d.substring("max-age=".length()).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty() && value.length() <= 19 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        maxAge = Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(value), MAX_AGE_CAP_SECONDS)));
                    }
                }
            }
        }
        return maxAge;
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }
}
