package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.token.TokenVerdict;
import dev.visitorauth.domain.widget.KeyId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the token inspector shows a developer: each check in order with its outcome, the
 * decoded header and claims (even when unverified: the inspector is an admin tool), and which
 * secret matched. Produced with no side effects.
 *
 * @param refusal    the first failed rule, empty when the token is valid
 * @param keyId      the secret whose signature matched, if any (even a rotated-out one)
 * @param header     the decoded header, when it is a strict JSON object
 * @param claims     the decoded payload, when it is a strict JSON object
 * @param checks     every check run, in order; checking stops at the first failure
 */
public record TokenInspection(Optional<Refusal> refusal, Optional<KeyId> keyId, Optional<JsonValue.JsonObject> header,
                              Optional<JsonValue.JsonObject> claims, List<Step> checks) {
    public TokenInspection {
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(claims, "claims");
        checks = List.copyOf(checks);
    }

    /** The inspection of a token the domain's rules judged {@code verdict}, with what the rules recorded. */
    public static TokenInspection of(TokenVerdict verdict, Optional<KeyId> keyId, Optional<JsonValue.JsonObject> header,
                                     Optional<JsonValue.JsonObject> claims, List<Step> checks) {
        Optional<Refusal> refusal = verdict instanceof TokenVerdict.Refused refused ? Optional.of(refused.refusal()) : Optional.empty();
        return new TokenInspection(refusal, keyId, header, claims, checks);
    }

    public boolean valid() {
        return refusal.isEmpty();
    }

    /** This inspection with one more step and, if it failed and none failed before, its refusal. */
    public TokenInspection withStep(Step step, Optional<Refusal> failure) {
        List<Step> more = new java.util.ArrayList<>(checks);
        more.add(step);
        return new TokenInspection(refusal.or(() -> failure), keyId, header, claims, more);
    }

    /**
     * One check.
     *
     * @param name   e.g. {@code size}, {@code form}, {@code header}, {@code alg}, {@code signature}, {@code exp}
     * @param passed whether it passed
     * @param detail what was found (never a secret)
     */
    public record Step(String name, boolean passed, String detail) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
