package dev.visitorauth.domain.error;

/**
 * The closed set of machine codes a refusal can carry (spec section 5). Every adapter maps these,
 * and only these, to its wire format; {@link #wire()} is the stable string clients see.
 */
public enum ErrorCode {
    /** Not a compact JWS, bad base64url, a signature that is not 32 bytes, not strict JSON, no or non-string {@code alg}. */
    MALFORMED_TOKEN(Kind.VERIFICATION_FAILURE),
    /** The token is over 8 KiB. */
    TOKEN_TOO_LARGE(Kind.VERIFICATION_FAILURE),
    /** {@code alg} other than HS256, including {@code none}. */
    UNSUPPORTED_ALGORITHM(Kind.VERIFICATION_FAILURE),
    /** A header member other than {@code alg}/{@code typ}/{@code kid}, or {@code typ} other than JWT. */
    UNSUPPORTED_TOKEN(Kind.VERIFICATION_FAILURE),
    /** {@code kid} names no secret this widget has or still remembers. */
    UNKNOWN_KEY(Kind.VERIFICATION_FAILURE),
    /** The signature does not verify with the widget's secret. */
    INVALID_SIGNATURE(Kind.VERIFICATION_FAILURE),
    /** The token was signed with a secret that has been rotated out. */
    SECRET_ROTATED(Kind.VERIFICATION_FAILURE),
    /** No {@code exp} claim. */
    MISSING_EXPIRATION(Kind.VERIFICATION_FAILURE),
    /** {@code exp} passed beyond the clock skew. */
    TOKEN_EXPIRED(Kind.VERIFICATION_FAILURE),
    /** {@code nbf} or {@code iat} in the future beyond the clock skew. */
    TOKEN_NOT_YET_VALID(Kind.VERIFICATION_FAILURE),
    /** The token lives longer than the widget's maximum token lifetime. */
    TOKEN_LIFETIME_TOO_LONG(Kind.VERIFICATION_FAILURE),
    /** The {@code jti} was seen before. */
    TOKEN_REPLAYED(Kind.VERIFICATION_FAILURE),
    /** The user's sessions were revoked and the token's {@code iat} is before that cutoff, or absent (spec section 10). */
    TOKEN_REVOKED(Kind.VERIFICATION_FAILURE),
    /** {@code id} (or a required {@code jti}) is absent. */
    MISSING_CLAIM(Kind.VERIFICATION_FAILURE),
    /** A claim breaks a rule of the claim rules. */
    INVALID_CLAIM(Kind.VERIFICATION_FAILURE),
    /** The widget requires a token and none was sent. */
    TOKEN_REQUIRED(Kind.VERIFICATION_FAILURE),
    /** No such widget. */
    WIDGET_NOT_FOUND(Kind.REFUSAL),
    /** The browser origin is not in the widget's allowed origins. */
    ORIGIN_NOT_ALLOWED(Kind.REFUSAL),
    /** A malformed request body or parameter. */
    INVALID_REQUEST(Kind.REFUSAL),
    /** A request body over the body limit (64 KiB), counted as bytes read whatever the framing. */
    REQUEST_TOO_LARGE(Kind.REFUSAL),
    /** Missing, expired or revoked session or API key. */
    UNAUTHENTICATED(Kind.REFUSAL),
    /** Authenticated, but the resource is not the caller's. */
    FORBIDDEN(Kind.REFUSAL),
    /** No such resource (also where existence must not leak). */
    NOT_FOUND(Kind.REFUSAL),
    /** Too many failed verifications or requests. */
    RATE_LIMITED(Kind.REFUSAL),
    /** Storage is down; retry. */
    UNAVAILABLE(Kind.REFUSAL),
    /**
     * A widget's JWKS URL could not be fetched (spec section 12). Only ever an entry of the widget's
     * failure log, never a refusal: the last good key set stays in use.
     */
    JWKS_UNAVAILABLE(Kind.FAILURE_LOG_ONLY);

    /** What a code is: each constant says it, so no rule depends on the order of the constants. */
    private enum Kind {
        /** A failed visitor-token verification: recorded in the widget's failure log. */
        VERIFICATION_FAILURE,
        /** Any other refusal. */
        REFUSAL,
        /** Only ever an entry of the widget's failure log. */
        FAILURE_LOG_ONLY
    }

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);
    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    /** The stable machine code, e.g. {@code token_expired}. */
    public String wire() {
        return wire;
    }

    /** True for the codes a failed visitor-token verification can produce (these are recorded per widget). */
    public boolean isVerificationFailure() {
        return kind == Kind.VERIFICATION_FAILURE;
    }

    /** True for the codes a widget's failure log holds: the verification failures and {@code jwks_unavailable}. */
    public boolean isFailureLogEntry() {
        return kind != Kind.REFUSAL;
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
