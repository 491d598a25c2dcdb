package dev.visitorauth.domain.widget;

import java.util.Optional;

/**
 * The signing algorithms a visitor token may name in its {@code alg} header (spec sections 3 and
 * 12): HS256 with a widget secret, or an asymmetric algorithm with one of the widget's public keys.
 * Every other name ({@code none} in any spelling, other HMAC sizes, {@code RS384}, ...) is refused.
 */
public enum TokenAlgorithm {
    /** HMAC-SHA256 with a widget secret; the MAC is 32 bytes. */
    HS256("HS256", 32),
    /** RSASSA-PKCS1-v1_5 with SHA-256; the signature is as long as the key's modulus. */
    RS256("RS256", 0),
    /** RSASSA-PSS with SHA-256; the signature is as long as the key's modulus. */
    PS256("PS256", 0),
    /** ECDSA on P-256 with SHA-256; the signature is R || S, 64 bytes (never DER). */
    ES256("ES256", 64),
    /** Ed25519; the signature is 64 bytes. */
    EDDSA("EdDSA", 64);

    private final String headerName;
    private final int fixedSignatureBytes;

    TokenAlgorithm(String headerName, int fixedSignatureBytes) {
        this.headerName = headerName;
        this.fixedSignatureBytes = fixedSignatureBytes;
    }

    /** The name as it appears in {@code alg}, case-sensitive as JOSE says. */
    public String headerName() {
        return headerName;
    }

    /** True for HS256: it takes a shared secret, never a public key. */
    public boolean symmetric() {
        return this == HS256;
    }

    /**
     * The exact signature length in bytes with a key of {@code keyBits} bits: fixed for HS256,
     * ES256 and EdDSA, the modulus length for RSA.
     */
    public int signatureBytes(int keyBits) {
        return fixedSignatureBytes != 0 ? fixedSignatureBytes : (keyBits + 7) / 8;
    }

    /** The algorithm {@code alg} names exactly, if it is one of ours. */
    public static Optional<TokenAlgorithm> byHeaderName(String name) {
        return Optional.ofNullable(named(name));
    }

    /** The algorithm {@code alg} names exactly, or null (the token hot path allocates nothing here). */
    public static TokenAlgorithm named(String name) {
        return switch (name) {
            case "HS256" -> HS256;
            case "RS256" -> RS256;
            case "PS256" -> PS256;
            case "ES256" -> ES256;
            case "EdDSA" -> EDDSA;
            default -> null;
        };
    }
}
