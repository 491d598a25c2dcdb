package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.KeyId;
import java.util.Objects;

/**
 * A visitor token that verified, as {@link VerifyTokenUseCase} answers it.
 *
 * @param identity the normalised identity it asserts
 * @param keyId    the key that verified it
 */
public record VerifiedToken(VisitorIdentity identity, KeyId keyId) {
    public VerifiedToken {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(keyId, "keyId");
    }
}
