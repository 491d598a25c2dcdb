package dev.visitorauth.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Sign out everywhere": the user's token cutoff (spec sections 10 and 14). */
class UserTokenCutoffTest {
    private static final ExternalUserId EXTERNAL_ID = new ExternalUserId("user-42");
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2025-03-01T12:00:00Z");

    private static User neverRevoked() {
        return User.restore(new WorkspaceId("ws_1"), new UserId("usr_1"), EXTERNAL_ID, Profile.empty(), Optional.empty(),
                CREATED, CREATED);
    }

    private static VisitorIdentity token(Optional<Instant> iat) {
        ProfileUpdate noProfile = new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), FieldUpdate.keep(), Map.of());
        return new VisitorIdentity(EXTERNAL_ID, noProfile, CUTOFF.plusSeconds(3600), iat, Optional.empty());
    }

    private static VisitorIdentity issuedAt(Instant iat) {
        return token(Optional.of(iat));
    }

    @Test
    void aUserNeverRevokedAdmitsEveryTokenWithOrWithoutIat() {
        assertThat(neverRevoked().refusesToken(token(Optional.empty()))).isEmpty();
        assertThat(neverRevoked().refusesToken(issuedAt(CREATED))).isEmpty();
    }

    @Test
    void aTokenIssuedBeforeTheCutoffIsRevokedOnIat() {
        Optional<Refusal> refusal = neverRevoked().revokeTokensIssuedBefore(CUTOFF).refusesToken(issuedAt(CUTOFF.minusSeconds(1)));

        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.TOKEN_REVOKED);
            assertThat(r.claim()).contains("iat");
        });
    }

    @Test
    void aTokenWithoutIatIsRevokedOnceACutoffExists() {
        assertThat(neverRevoked().revokeTokensIssuedBefore(CUTOFF).refusesToken(token(Optional.empty())))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(ErrorCode.TOKEN_REVOKED));
    }

    @Test
    void aTokenIssuedAtOrAfterTheCutoffIsAdmitted() {
        User revoked = neverRevoked().revokeTokensIssuedBefore(CUTOFF);

        assertThat(revoked.refusesToken(issuedAt(CUTOFF))).isEmpty();
        assertThat(revoked.refusesToken(issuedAt(CUTOFF.plusSeconds(1)))).isEmpty();
    }

    @Test
    void signingOutEverywhereCutsAtNowOrAtAGivenPastTimeButNotAtAFutureOne() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        assertThat(User.cutoffAskedFor(Optional.empty(), now).orElseThrow()).isEqualTo(now);
        assertThat(User.cutoffAskedFor(Optional.of(now), now).orElseThrow()).isEqualTo(now);
        assertThat(User.cutoffAskedFor(Optional.of(now.minusSeconds(60)), now).orElseThrow()).isEqualTo(now.minusSeconds(60));
        assertThat(User.cutoffAskedFor(Optional.of(now.plusNanos(1000)), now)).isEqualTo(Result.refused(
                Refusal.invalid(InputField.ISSUED_BEFORE, "must not be in the future; omit it to mean now.")));
    }

    @Test
    void theCutoffOnlyMovesForward() {
        User revoked = neverRevoked().revokeTokensIssuedBefore(CUTOFF);

        assertThat(revoked.revokeTokensIssuedBefore(CUTOFF.minusSeconds(60))).isSameAs(revoked);
        assertThat(revoked.revokeTokensIssuedBefore(CUTOFF.minusSeconds(60)).tokenCutoff()).contains(CUTOFF);
        assertThat(revoked.revokeTokensIssuedBefore(CUTOFF.plusSeconds(60)).tokenCutoff()).contains(CUTOFF.plusSeconds(60));
    }

    @Test
    void aLaterProfileUpdateKeepsTheCutoff() {
        User revoked = neverRevoked().revokeTokensIssuedBefore(CUTOFF);

        User updated = revoked.apply(issuedAt(CUTOFF.plusSeconds(5)), CUTOFF.plusSeconds(10)).orElseThrow();

        assertThat(updated.tokenCutoff()).contains(CUTOFF);
    }
}
