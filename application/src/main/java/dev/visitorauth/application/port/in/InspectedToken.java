package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.widget.KeyId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A token as {@link InspectTokenUseCase} reports it to a developer: each check in order with its
 * outcome, the decoded header and claims (even when unverified: the inspector is an admin tool),
 * and which secret matched.
 *
 * @param refusal the first failed rule, empty when the token is valid
 * @param keyId   the secret whose signature matched, if any (even a rotated-out one)
 * @param header  the decoded header, when it is a strict JSON object
 * @param claims  the decoded payload, when it is a strict JSON object
 * @param checks  every check run, in order; checking stops at the first failure
 */
public record InspectedToken(Optional<Refusal> refusal, Optional<KeyId> keyId, Optional<JsonValue.JsonObject> header,
                             Optional<JsonValue.JsonObject> claims, List<Check> checks) {
    public InspectedToken {
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(claims, "claims");
        checks = List.copyOf(checks);
    }

    public boolean valid() {
        return refusal.isEmpty();
    }

    /**
     * One check.
     *
     * @param name   e.g. {@code size}, {@code form}, {@code alg}, {@code signature}, {@code exp}, {@code replay}
     * @param passed whether it passed
     * @param detail what was found (never a secret)
     */
    public record Check(String name, boolean passed, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
