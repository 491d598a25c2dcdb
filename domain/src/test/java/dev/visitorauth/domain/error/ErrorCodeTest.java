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
        assertThat(ErrorCode.values()).filteredOn(ErrorCode::isVerificationFailure).hasSize(16)
                .contains(ErrorCode.MALFORMED_TOKEN, ErrorCode.TOKEN_REVOKED, ErrorCode.TOKEN_REQUIRED)
                .doesNotContain(ErrorCode.WIDGET_NOT_FOUND, ErrorCode.RATE_LIMITED, ErrorCode.UNAVAILABLE);
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
