package dev.visitorauth.application.port.out;

/**
 * Verifies visitor tokens: size, form, header, key choice, signature, payload JSON, times and
 * claims, in the order of the token rules, the first failure being the one reported. Never
 * throws for a bad token; never has side effects (no {@code jti} is consumed here). Thread-safe.
 */
public interface VerifyVisitorTokenPort {

    /** The fast path: valid with its identity, or the first refusal. */
    TokenCheck verify(TokenVerificationRequest request);

    /** The same rules, recording every check for the token inspector. Same verdict as {@link #verify}. */
    TokenInspection inspect(TokenVerificationRequest request);
}
