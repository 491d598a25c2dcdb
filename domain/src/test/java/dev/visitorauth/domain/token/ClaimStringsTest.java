package dev.visitorauth.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimStringsTest {

    @Test
    void countsCodePointsSoAnEmojiIsOneCharacter() {
        assertThat(ClaimStrings.length("")).isZero();
        assertThat(ClaimStrings.length("abc")).isEqualTo(3);
        assertThat(ClaimStrings.length("Zoë")).isEqualTo(3);
        assertThat(ClaimStrings.length("a\uD83D\uDE00b")).isEqualTo(3);
    }

    @Test
    void aStringThatCannotBeStoredIsMalformed() {
        assertThat(ClaimStrings.length("a\uD800b")).isEqualTo(ClaimStrings.MALFORMED);
        assertThat(ClaimStrings.length("ab\uDE00")).isEqualTo(ClaimStrings.MALFORMED);
        assertThat(ClaimStrings.length("a\u0000b")).isEqualTo(ClaimStrings.MALFORMED);
        assertThat(ClaimStrings.MALFORMED).isNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "plan", "Plan_2", "tier-gold", "billing.plan", "Z9", "_", "-", "."})
    void acceptsCustomDataKeysOfLettersDigitsUnderscoresHyphensAndDots(String key) {
        assertThat(ClaimStrings.isCustomDataKey(key, 64)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "plan!", "plän", "a/b", "a:b", "@", "`", "[", "{", "a\u0000"})
    void refusesOtherCustomDataKeys(String key) {
        assertThat(ClaimStrings.isCustomDataKey(key, 64)).isFalse();
    }

    @Test
    void aCustomDataKeyMayBeExactlyTheMaximumLength() {
        assertThat(ClaimStrings.isCustomDataKey("k".repeat(64), 64)).isTrue();
        assertThat(ClaimStrings.isCustomDataKey("k".repeat(65), 64)).isFalse();
    }
}
