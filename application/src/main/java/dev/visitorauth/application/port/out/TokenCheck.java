package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.token.TokenVerdict;
import dev.visitorauth.domain.widget.KeyId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying a visitor token (signature, times and claims; replay of {@code jti} is
 * the application's, through {@link ConsumeTokenIdPort}).
 */
public sealed interface TokenCheck permits TokenCheck.Verified, TokenCheck.Refused {

    /** The check for the domain's verdict (the token rules all live in the domain). */
    static TokenCheck of(TokenVerdict verdict) {
        if (verdict instanceof TokenVerdict.Accepted accepted) {
            return new Verified(accepted.identity(), accepted.keyId());
        }
        TokenVerdict.Refused refused = (TokenVerdict.Refused) verdict;
        return new Refused(refused.refusal(), refused.headerKid(), refused.verifiedIssuedAt());
    }

    /**
     * The token is valid.
     *
     * @param identity the normalised identity it asserts
     * @param keyId    the secret that verified it
     */
    record Verified(VisitorIdentity identity, KeyId keyId) implements TokenCheck {
        public Verified {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /**
     * The token is refused. The diagnostics are what may be recorded in the widget's failure log.
     *
     * @param refusal          the first failed rule, in the order of the token rules
     * @param headerKid        the header's {@code kid} when the header could be read (a string)
     * @param verifiedIssuedAt the {@code iat} claim, only when the signature verified
     */
    record Refused(Refusal refusal, Optional<String> headerKid, Optional<Instant> verifiedIssuedAt) implements TokenCheck {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(headerKid, "headerKid");
            Objects.requireNonNull(verifiedIssuedAt, "verifiedIssuedAt");
        }

        public static Refused of(Refusal refusal) {
            return new Refused(refusal, Optional.empty(), Optional.empty());
        }
    }
}
