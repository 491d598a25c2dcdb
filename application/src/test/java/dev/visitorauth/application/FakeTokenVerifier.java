package dev.visitorauth.application;

import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.identity.VisitorIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written verifier for use-case tests: tokens are registered by name with the identity or
 * the refusal they stand for. The real verifier is tested in the token adapter.
 */
public final class FakeTokenVerifier implements VerifyVisitorTokenPort {
    private final Map<String, TokenCheck> tokens = new ConcurrentHashMap<>();

    /** A token for {@code externalId} with the given profile, expiring in 30 s from {@code now}. */
    public String tokenFor(String externalId, ProfileUpdate profile, Optional<Instant> iat, Optional<String> jti, Instant now) {
        String token = "token-" + tokens.size() + "-" + externalId;
        tokens.put(token, new TokenCheck.Verified(new VisitorIdentity(new ExternalUserId(externalId), profile,
                now.plusSeconds(30), iat, jti), Mothers.KEY_ID));
        return token;
    }

    public String tokenFor(String externalId, Instant now) {
        return tokenFor(externalId, ProfileUpdate.none(), Optional.empty(), Optional.empty(), now);
    }

    /** A token the verifier refuses with {@code code}. */
    public String refusedToken(ErrorCode code, String claim) {
        String token = "bad-" + tokens.size();
        tokens.put(token, new TokenCheck.Refused(Refusal.of(code, claim, "refused in test"), Optional.of("kid-1"),
                Optional.empty()));
        return token;
    }

    @Override
    public TokenCheck verify(TokenVerificationRequest request) {
        TokenCheck check = tokens.get(request.token());
        return check != null ? check : TokenCheck.Refused.of(Refusal.of(ErrorCode.MALFORMED_TOKEN, "unknown test token"));
    }

    @Override
    public TokenInspection inspect(TokenVerificationRequest request) {
        TokenCheck check = verify(request);
        Optional<Refusal> refusal = check instanceof TokenCheck.Refused r ? Optional.of(r.refusal()) : Optional.empty();
        return new TokenInspection(refusal, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(new TokenInspection.Step("fake", refusal.isEmpty(), "fake verifier")));
    }
}
