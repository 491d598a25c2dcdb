package dev.visitorauth.domain.widget;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a JSON Web Key says about itself, as the token adapter's JWK parser (jose4j) read it: the
 * domain decides from these facts whether a widget may use the key ({@link PublicKey#accept}).
 *
 * @param kty            the key type: {@code RSA}, {@code EC}, {@code OKP}, {@code oct}, ...
 * @param curve          {@code crv} for EC and OKP keys ({@code P-256}, {@code Ed25519}, ...)
 * @param alg            the JWK's {@code alg}, when it names one
 * @param kid            the JWK's {@code kid}, when it has one
 * @param use            the JWK's {@code use} ({@code sig}, {@code enc}), when it has one
 * @param keyBits        the key size in bits (the RSA modulus; 256 for P-256 and Ed25519)
 * @param privateMembers the names of private members the JWK holds ({@code d}, {@code p}, {@code q},
 *                       {@code dp}, {@code dq}, {@code qi}, {@code oth}, {@code k}); empty for a public key
 * @param publicJson     the key's public members only, as JSON: what is stored and what the signature
 *                       check parses again
 */
public record JwkFacts(String kty, Optional<String> curve, Optional<String> alg, Optional<String> kid,
                       Optional<String> use, int keyBits, Set<String> privateMembers, String publicJson) {
    public JwkFacts {
        Objects.requireNonNull(kty, "kty");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(use, "use");
        privateMembers = Set.copyOf(privateMembers);
        Objects.requireNonNull(publicJson, "publicJson");
    }
}
