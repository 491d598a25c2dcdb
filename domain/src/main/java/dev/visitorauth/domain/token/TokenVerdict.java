package dev.visitorauth.domain.token;

import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.KeyId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What {@link VisitorTokenVerification} decides about one token. */
public sealed interface TokenVerdict permits TokenVerdict.Accepted, TokenVerdict.Refused {

    /**
     * The token is valid.
     *
     * @param identity the normalised identity it asserts
     * @param keyId    the key (secret or public key) that verified it
     */
    record Accepted(VisitorIdentity identity, KeyId keyId) implements TokenVerdict {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /**
     * The token is refused, with what may be recorded in the widget's failure log.
     *
     * @param refusal          the first failed rule, in the spec's order
     * @param headerKid        the header's {@code kid} when the header was readable and it was a
     *                         string, made safe to record ({@link TokenRefusals#reportable})
     * @param verifiedIssuedAt the {@code iat} claim, only when the signature verified
     */
    record Refused(Refusal refusal, Optional<String> headerKid, Optional<Instant> verifiedIssuedAt) implements TokenVerdict {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(headerKid, "headerKid");
            Objects.requireNonNull(verifiedIssuedAt, "verifiedIssuedAt");
        }
    }
}
