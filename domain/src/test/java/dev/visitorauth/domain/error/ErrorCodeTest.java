package dev.visitorauth.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    private static AuthFailure failure(ErrorCode code) {
        return new AuthFailure(new WorkspaceId("ws_1"), new WidgetId("wgt_1"), Instant.EPOCH, code, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void jwksUnavailableIsAFailureLogEntryButNoVerificationFailure() {
        assertThat(ErrorCode.JWKS_UNAVAILABLE.isVerificationFailure()).isFalse();
        assertThat(ErrorCode.JWKS_UNAVAILABLE.isFailureLogEntry()).isTrue();
        assertThat(ErrorCode.JWKS_UNAVAILABLE.wire()).isEqualTo("jwks_unavailable");
        assertThat(failure(ErrorCode.JWKS_UNAVAILABLE).code()).isEqualTo(ErrorCode.JWKS_UNAVAILABLE);
    }

    @Test
    void theVerificationFailuresAreTheSpecsSixteenTokenCodes() {
        assertThat(ErrorCode.values()).filteredOn(ErrorCode::isVerificationFailure).containsExactlyInAnyOrder(
                ErrorCode.MALFORMED_TOKEN, ErrorCode.TOKEN_TOO_LARGE, ErrorCode.UNSUPPORTED_ALGORITHM,
                ErrorCode.UNSUPPORTED_TOKEN, ErrorCode.UNKNOWN_KEY, ErrorCode.INVALID_SIGNATURE, ErrorCode.SECRET_ROTATED,
                ErrorCode.MISSING_EXPIRATION, ErrorCode.TOKEN_EXPIRED, ErrorCode.TOKEN_NOT_YET_VALID,
                ErrorCode.TOKEN_LIFETIME_TOO_LONG, ErrorCode.TOKEN_REPLAYED, ErrorCode.TOKEN_REVOKED,
                ErrorCode.MISSING_CLAIM, ErrorCode.INVALID_CLAIM, ErrorCode.TOKEN_REQUIRED);
    }

    @Test
    void theFailureLogHoldsTheVerificationFailuresAndJwksUnavailableOnly() {
        assertThat(ErrorCode.values()).filteredOn(ErrorCode::isFailureLogEntry)
                .containsExactlyInAnyOrder(java.util.stream.Stream.concat(
                        java.util.Arrays.stream(ErrorCode.values()).filter(ErrorCode::isVerificationFailure),
                        java.util.stream.Stream.of(ErrorCode.JWKS_UNAVAILABLE)).toArray(ErrorCode[]::new));
        assertThat(ErrorCode.values()).filteredOn(c -> !c.isFailureLogEntry()).contains(ErrorCode.WIDGET_NOT_FOUND,
                ErrorCode.ORIGIN_NOT_ALLOWED, ErrorCode.RATE_LIMITED, ErrorCode.UNAVAILABLE, ErrorCode.NOT_FOUND);
    }

    @Test
    void everyCodeRoundTripsThroughItsWireString() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.wire()).isEqualTo(code.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(ErrorCode.fromWire(code.wire())).contains(code);
        }
        assertThat(ErrorCode.fromWire("TOKEN_EXPIRED")).isEmpty();
        assertThat(ErrorCode.fromWire("no_such_code")).isEmpty();
    }

    @Test
    void tokenRevokedStandsWhereTheSpecListsIt() {
        assertThat(ErrorCode.TOKEN_REVOKED.ordinal()).isEqualTo(ErrorCode.TOKEN_REPLAYED.ordinal() + 1);
        assertThat(ErrorCode.TOKEN_REVOKED.wire()).isEqualTo("token_revoked");
        assertThat(ErrorCode.fromWire("token_revoked")).contains(ErrorCode.TOKEN_REVOKED);
    }

    @Test
    void theFailureLogRefusesCodesThatAreNoEntryOfIt() {
        assertThatThrownBy(() -> failure(ErrorCode.NOT_FOUND)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> failure(ErrorCode.UNAVAILABLE)).isInstanceOf(IllegalArgumentException.class);
    }
}
