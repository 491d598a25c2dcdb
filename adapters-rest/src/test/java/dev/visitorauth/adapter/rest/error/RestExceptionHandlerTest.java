package dev.visitorauth.adapter.rest.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class RestExceptionHandlerTest {

    @Test
    void mapsEveryCodeToTheSpecsStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            HttpStatus expected = switch (code.wire()) {
                case "widget_not_found", "not_found" -> HttpStatus.NOT_FOUND;
                case "origin_not_allowed", "forbidden" -> HttpStatus.FORBIDDEN;
                case "invalid_request" -> HttpStatus.BAD_REQUEST;
                case "request_too_large" -> HttpStatus.CONTENT_TOO_LARGE;
                case "rate_limited" -> HttpStatus.TOO_MANY_REQUESTS;
                case "unavailable", "jwks_unavailable" -> HttpStatus.SERVICE_UNAVAILABLE;
                default -> HttpStatus.UNAUTHORIZED;
            };
            assertThat(RestExceptionHandler.statusOf(code)).as(code.wire()).isEqualTo(expected);
        }
        assertThat(ErrorCode.values()).filteredOn(c -> RestExceptionHandler.statusOf(c) == HttpStatus.UNAUTHORIZED)
                .hasSize(17); // the sixteen token codes and unauthenticated
    }

    @Test
    void titlesEachCodeInWords() {
        assertThat(RestExceptionHandler.titleOf(ErrorCode.TOKEN_LIFETIME_TOO_LONG)).isEqualTo("Token lifetime too long");
        assertThat(RestExceptionHandler.titleOf(ErrorCode.UNAVAILABLE)).isEqualTo("Unavailable");
    }

    @Test
    void roundsRetryAfterUpToWholeSeconds() {
        assertThat(RestExceptionHandler.wholeSecondsUp(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RestExceptionHandler.wholeSecondsUp(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(RestExceptionHandler.wholeSecondsUp(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(RestExceptionHandler.wholeSecondsUp(Duration.ZERO)).isEqualTo(1);
    }
}
