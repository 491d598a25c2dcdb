package dev.visitorauth.application;

import dev.visitorauth.application.port.out.ParseJwkPort;
import dev.visitorauth.domain.widget.JwkFacts;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written JWK parser for use-case tests: JWK texts are registered with the facts they stand
 * for; any other text is not a JWK. The real parser (jose4j) is tested in the token adapter.
 */
public final class FakeJwkParser implements ParseJwkPort {
    private final Map<String, JwkFacts> jwks = new ConcurrentHashMap<>();

    /** A JWK text standing for {@code facts}. */
    public String jwk(JwkFacts facts) {
        String text = "{\"fake\":" + jwks.size() + "}";
        jwks.put(text, facts);
        return text;
    }

    /** A P-256 public key, with {@code kid} when given. */
    public String ecKey(Optional<String> kid) {
        return jwk(new JwkFacts("EC", Optional.of("P-256"), Optional.empty(), kid, Optional.of("sig"), 256, Set.of(),
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + jwks.size() + "\"}"));
    }

    /** An RSA public key of {@code bits} with {@code alg} when given. */
    public String rsaKey(String kid, int bits, Optional<String> alg) {
        return jwk(new JwkFacts("RSA", Optional.empty(), alg, Optional.of(kid), Optional.empty(), bits, Set.of(),
                "{\"kty\":\"RSA\",\"n\":\"" + jwks.size() + "\",\"e\":\"AQAB\"}"));
    }

    /** A P-256 key pair: the JWK holds its private member {@code d}. */
    public String ecPrivateKey(String kid) {
        return jwk(new JwkFacts("EC", Optional.of("P-256"), Optional.empty(), Optional.of(kid), Optional.empty(), 256,
                Set.of("d"), "{\"kty\":\"EC\"}"));
    }

    @Override
    public JwkReading parse(String jwkJson) {
        JwkFacts facts = jwks.get(jwkJson);
        return facts != null ? new Read(facts) : new Unreadable("jwk is not a JWK (fake parser).");
    }
}
