package dev.visitorauth.adapter.token.archfixture;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;

/** A deliberate violation for {@code ArchitectureTest}: a token adapter deciding a refusal itself. */
public final class RuleMakingTokenAdapter {
    private RuleMakingTokenAdapter() {
    }

    public static Refusal algNone() {
        return Refusal.of(ErrorCode.UNSUPPORTED_ALGORITHM, "alg", "none is not accepted");
    }
}
