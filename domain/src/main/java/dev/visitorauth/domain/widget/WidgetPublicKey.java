package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A public key of a widget's keyring (spec section 12): uploaded as a JWK, or read from the
 * widget's JWKS URL. It verifies only the asymmetric algorithms it allows, and is never used as an
 * HMAC secret.
 *
 * @param keyId      the JWK's {@code kid}, or one we assigned when it had none
 * @param type       RSA, EC (P-256) or OKP (Ed25519)
 * @param algorithms the algorithms it verifies: its JWK's {@code alg}, or every one its type allows
 * @param keyBits    the key size (the RSA modulus; 256 for P-256 and Ed25519)
 * @param jwk        its public members as JSON, which the signature check parses
 * @param createdAt  when it was uploaded or first fetched
 * @param origin     uploaded, or from the JWKS URL
 */
public record WidgetPublicKey(KeyId keyId, KeyType type, Set<TokenAlgorithm> algorithms, int keyBits, String jwk,
                              Instant createdAt, Origin origin) {
    /** The smallest RSA modulus accepted. */
    public static final int MIN_RSA_BITS = 2048;

    public WidgetPublicKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(origin, "origin");
        algorithms = Set.copyOf(algorithms);
        if (algorithms.isEmpty() || algorithms.contains(TokenAlgorithm.HS256)) {
            throw new IllegalArgumentException("a public key allows one or more asymmetric algorithms, never HS256");
        }
        for (TokenAlgorithm algorithm : algorithms) {
            if (!type.allows(algorithm)) {
                throw new IllegalArgumentException(type + " keys do not verify " + algorithm.headerName());
            }
        }
    }

    /** True when a token whose header names {@code algorithm} may be verified with this key. */
    public boolean allows(TokenAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    /** The exact signature length a token signed with this key and {@code algorithm} carries. */
    public int signatureBytes(TokenAlgorithm algorithm) {
        return algorithm.signatureBytes(keyBits);
    }

    /**
     * Whether a widget may use a JWK, by the rules of spec sections 12 and 14: no private members,
     * never {@code oct}, RSA of at least 2048 bits, EC only on P-256, OKP only Ed25519, {@code use}
     * absent or {@code sig}, and an {@code alg}, when given, that the type allows (without one, RSA
     * allows RS256 and PS256, P-256 ES256, Ed25519 EdDSA). Refusals are {@code invalid_request}
     * about {@link InputField#JWK}.
     *
     * @param assigned the key id to use when the JWK has no {@code kid}
     */
    public static Result<WidgetPublicKey> accept(JwkFacts jwk, KeyId assigned, Instant now, Origin origin) {
        if (jwk.kty().equals("oct")) {
            return refuse("The JWK is of type oct, a shared secret; upload a public key (RSA, EC P-256 or Ed25519), "
                    + "or use the widget's HS256 secret.");
        }
        if (!jwk.privateMembers().isEmpty()) {
            return refuse("The JWK holds private members (" + String.join(", ", jwk.privateMembers().stream().sorted().toList())
                    + "); upload the public key only and keep the private key to yourself.");
        }
        KeyType type;
        switch (jwk.kty()) {
            case "RSA" -> {
                if (jwk.keyBits() < MIN_RSA_BITS) {
                    return refuse("The RSA key has " + jwk.keyBits() + " bits; at least " + MIN_RSA_BITS + " are required.");
                }
                type = KeyType.RSA;
            }
            case "EC" -> {
                if (!jwk.curve().filter("P-256"::equals).isPresent()) {
                    return refuse("Only EC keys on the P-256 curve (ES256) are accepted, not "
                            + jwk.curve().map(c -> "\"" + shown(c) + "\"").orElse("a key without crv") + ".");
                }
                type = KeyType.EC;
            }
            case "OKP" -> {
                if (!jwk.curve().filter("Ed25519"::equals).isPresent()) {
                    return refuse("Only OKP keys on Ed25519 (EdDSA) are accepted, not "
                            + jwk.curve().map(c -> "\"" + shown(c) + "\"").orElse("a key without crv") + ".");
                }
                type = KeyType.OKP;
            }
            default -> {
                return refuse("The JWK's kty \"" + shown(jwk.kty()) + "\" is not supported; use RSA, EC (P-256) or OKP (Ed25519).");
            }
        }
        if (jwk.use().isPresent() && !jwk.use().get().equals("sig")) {
            return refuse("The JWK's use is \"" + shown(jwk.use().get()) + "\"; a token-signing key has use \"sig\" or none.");
        }
        Set<TokenAlgorithm> algorithms;
        if (jwk.alg().isPresent()) {
            TokenAlgorithm named = TokenAlgorithm.byHeaderName(jwk.alg().get()).filter(type::allows).orElse(null);
            if (named == null) {
                return refuse("The JWK's alg \"" + shown(jwk.alg().get()) + "\" does not fit a " + type.description()
                        + "; use " + type.algorithmNames() + ", or leave alg out.");
            }
            algorithms = EnumSet.of(named);
        } else {
            algorithms = type.defaultAlgorithms();
        }
        KeyId keyId = assigned;
        if (jwk.kid().isPresent()) {
            if (!KeyId.isValid(jwk.kid().get())) {
                return refuse("The JWK's kid must be 1 to " + KeyId.MAX_LENGTH
                        + " printable ASCII characters without spaces, '/', '\\', '?', '#' or '%'.");
            }
            keyId = new KeyId(jwk.kid().get());
        }
        return Result.ok(new WidgetPublicKey(keyId, type, algorithms, jwk.keyBits(), jwk.publicJson(), now, origin));
    }

    private static Result<WidgetPublicKey> refuse(String message) {
        return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.JWK, message));
    }

    /** Short printable text for a message: JWK members are the admin's own input, still kept short. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 32; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return text.length() > 32 ? out.append("...").toString() : out.toString();
    }

    /** The key types a widget accepts. */
    public enum KeyType {
        RSA("RSA key", EnumSet.of(TokenAlgorithm.RS256, TokenAlgorithm.PS256)),
        EC("P-256 key", EnumSet.of(TokenAlgorithm.ES256)),
        OKP("Ed25519 key", EnumSet.of(TokenAlgorithm.EDDSA));

        private final String description;
        private final Set<TokenAlgorithm> allowed;

        KeyType(String description, Set<TokenAlgorithm> allowed) {
            this.description = description;
            this.allowed = allowed;
        }

        public boolean allows(TokenAlgorithm algorithm) {
            return allowed.contains(algorithm);
        }

        /** The JWK {@code kty}. */
        public String kty() {
            return name();
        }

        Set<TokenAlgorithm> defaultAlgorithms() {
            return EnumSet.copyOf(allowed);
        }

        String description() {
            return description;
        }

        String algorithmNames() {
            return String.join(" or ", allowed.stream().map(TokenAlgorithm::headerName).toList());
        }
    }

    /** Where a public key came from. */
    public enum Origin {
        /** Uploaded by an admin as a JWK. */
        UPLOADED,
        /** Read from the widget's JWKS URL. */
        JWKS
    }
}
