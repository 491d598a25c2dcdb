package dev.visitorauth.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "a@b", "ada+chat@example.co.uk", "ädä@exämple.de", "ada\ud83d\ude00@example.com"})
    void acceptsWhatLooksLikeAnAddress(String text) {
        assertThat(EmailAddress.parse(text)).map(EmailAddress::value).contains(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "@example.com", "ada@", "a@b@c", "ada @example.com", "ada@exa\u00a0mple.com",
            "ada@example.com\n", "ada\u0000@example.com", "ada\ud800@example.com"})
    void refusesAnythingElse(String text) {
        assertThat(EmailAddress.isValid(text)).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {320, 321})
    void isAtMost320CodePoints(int length) {
        String text = "a".repeat(length - "@example.com".length()) + "@example.com";

        assertThat(EmailAddress.isValid(text)).isEqualTo(length <= EmailAddress.MAX_LENGTH);
    }

    /** Code points, not UTF-16 units: 320 emoji-laden code points (more than 320 units) pass, 321 do not. */
    @ParameterizedTest
    @ValueSource(ints = {320, 321})
    void countsCodePointsNotUnits(int length) {
        String emoji = "\ud83d\ude00";
        String text = emoji.repeat(length - "@example.com".length()) + "@example.com";

        assertThat(text.length()).isGreaterThan(EmailAddress.MAX_LENGTH);
        assertThat(EmailAddress.isValid(text)).isEqualTo(length <= EmailAddress.MAX_LENGTH);
    }
}
