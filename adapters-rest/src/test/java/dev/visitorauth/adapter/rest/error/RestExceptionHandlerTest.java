package dev.visitorauth.adapter.rest.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import static java.util.Map.entry;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    void namesEachInputFieldByItsRequestMember() {
        assertThat(Arrays.stream(InputField.values()).collect(Collectors.toMap(Function.identity(),
                RestExceptionHandler::memberOf))).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry(InputField.AFTER_EVENT, "Last-Event-ID"), entry(InputField.AGENT_NAME, "agentName"),
                entry(InputField.ALLOWED_ORIGINS, "allowedOrigins"), entry(InputField.CLOCK_SKEW, "clockSkewSeconds"),
                entry(InputField.CURSOR, "cursor"), entry(InputField.EVENTS, "events"), entry(InputField.FAILURE_LIMIT, "limit"),
                entry(InputField.GRACE_PERIOD, "graceSeconds"), entry(InputField.HOURS, "hours"),
                entry(InputField.ISSUED_BEFORE, "issuedBefore"), entry(InputField.JWK, "jwk"), entry(InputField.JWKS_URL, "jwksUrl"),
                entry(InputField.MAX_TOKEN_LIFETIME, "maxTokenLifetimeSeconds"), entry(InputField.MESSAGE_LIMIT, "limit"),
                entry(InputField.MESSAGES_AFTER, "after"), entry(InputField.MESSAGES_BEFORE, "before"), entry(InputField.MODE, "mode"),
                entry(InputField.NAME, "name"), entry(InputField.ORIGIN, "Origin"), entry(InputField.OWNER, "owner"),
                entry(InputField.PAGE_SIZE, "limit"), entry(InputField.QUERY, "q"), entry(InputField.TEXT, "text"),
                entry(InputField.VISITOR_ID, "visitorId"), entry(InputField.VISITOR_TOKEN, "token"),
                entry(InputField.WEBHOOK_URL, "url")));
    }

    @Test
    void aRefusalAboutAFieldNamesItsMemberInClaimAndDetail() {
        Result<Object> tooBig = Result.refused(Refusal.invalid(InputField.PAGE_SIZE, "must be 1 to 100."));
        Result<Object> badId = Result.refused(Refusal.invalid(InputField.AFTER_EVENT, "must be an event id."));

        RefusedException page = catchThrowableOfType(RefusedException.class, () -> RefusedException.unwrap(tooBig));
        RefusedException after = catchThrowableOfType(RefusedException.class, () -> RefusedException.unwrap(badId, "after"));

        assertThat(page.claim()).contains("limit");
        assertThat(page.detail()).isEqualTo("limit must be 1 to 100.");
        assertThat(after.claim()).as("the member the request used").contains("after");
        assertThat(after.detail()).isEqualTo("after must be an event id.");
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
