package dev.visitorauth.domain.error;

/**
 * The closed set of machine codes a refusal can carry (spec section 5). Every adapter maps these,
 * and only these, to its wire format; {@link #wire()} is the stable string clients see.
 */
public enum ErrorCode {
    /** Not a compact JWS, bad base64url, a signature that is not 32 bytes, not strict JSON, no or non-string {@code alg}. */
    MALFORMED_TOKEN,
    /** The token is over 8 KiB. */
    TOKEN_TOO_LARGE,
    /** {@code alg} other than HS256, including {@code none}. */
    UNSUPPORTED_ALGORITHM,
    /** A header member other than {@code alg}/{@code typ}/{@code kid}, or {@code typ} other than JWT. */
    UNSUPPORTED_TOKEN,
    /** {@code kid} names no secret this widget has or still remembers. */
    UNKNOWN_KEY,
    /** The signature does not verify with the widget's secret. */
    INVALID_SIGNATURE,
    /** The token was signed with a secret that has been rotated out. */
    SECRET_ROTATED,
    /** No {@code exp} claim. */
    MISSING_EXPIRATION,
    /** {@code exp} passed beyond the clock skew. */
    TOKEN_EXPIRED,
    /** {@code nbf} or {@code iat} in the future beyond the clock skew. */
    TOKEN_NOT_YET_VALID,
    /** The token lives longer than the widget's maximum token lifetime. */
    TOKEN_LIFETIME_TOO_LONG,
    /** The {@code jti} was seen before. */
    TOKEN_REPLAYED,
    /** The user's sessions were revoked and the token's {@code iat} is before that cutoff, or absent (spec section 10). */
    TOKEN_REVOKED,
    /** {@code id} (or a required {@code jti}) is absent. */
    MISSING_CLAIM,
    /** A claim breaks a rule of the claim rules. */
    INVALID_CLAIM,
    /** The widget requires a token and none was sent. */
    TOKEN_REQUIRED,
    /** No such widget. */
    WIDGET_NOT_FOUND,
    /** The browser origin is not in the widget's allowed origins. */
    ORIGIN_NOT_ALLOWED,
    /** A malformed request body or parameter. */
    INVALID_REQUEST,
    /** A request body over the body limit (64 KiB), counted as bytes read whatever the framing. */
    REQUEST_TOO_LARGE,
    /** Missing, expired or revoked session or API key. */
    UNAUTHENTICATED,
    /** Authenticated, but the resource is not the caller's. */
    FORBIDDEN,
    /** No such resource (also where existence must not leak). */
    NOT_FOUND,
    /** Too many failed verifications or requests. */
    RATE_LIMITED,
    /** Storage is down; retry. */
    UNAVAILABLE,
    /**
     * A widget's JWKS URL could not be fetched (spec section 12). Only ever an entry of the widget's
     * failure log, never a refusal: the last good key set stays in use. Kept last, after the
     * verification failures, so {@link #isVerificationFailure()} does not count it.
     */
    JWKS_UNAVAILABLE;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /** The stable machine code, e.g. {@code token_expired}. */
    public String wire() {
        return wire;
    }

    /** True for the codes a failed visitor-token verification can produce (these are recorded per widget). */
    public boolean isVerificationFailure() {
        return ordinal() <= TOKEN_REQUIRED.ordinal();
    }

    /** True for the codes a widget's failure log holds: the verification failures and {@code jwks_unavailable}. */
    public boolean isFailureLogEntry() {
        return isVerificationFailure() || this == JWKS_UNAVAILABLE;
    }

    /** The code for a wire string, if it is one. */
    public static java.util.Optional<ErrorCode> fromWire(String wire) {
        for (ErrorCode code : values()) {
            if (code.wire.equals(wire)) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
    }
}
