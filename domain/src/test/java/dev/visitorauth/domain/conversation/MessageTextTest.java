package dev.visitorauth.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageTextTest {
    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars

    @Test
    void acceptsTenThousandCodePointsOutsideTheBasicPlane() {
        String text = EMOJI.repeat(MessageText.MAX_LENGTH);
        assertThat(text.length()).isEqualTo(2 * MessageText.MAX_LENGTH);
        assertThat(MessageText.isValid(text)).isTrue();
        assertThat(new MessageText(text).value()).isEqualTo(text);
    }

    @Test
    void refusesTenThousandAndOneCodePoints() {
        assertThat(MessageText.isValid("a".repeat(MessageText.MAX_LENGTH + 1))).isFalse();
        assertThat(MessageText.isValid(EMOJI.repeat(MessageText.MAX_LENGTH) + "a")).isFalse();
        assertThatThrownBy(() -> new MessageText(EMOJI.repeat(MessageText.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBlankText() {
        assertThat(MessageText.isValid(" \n\t")).isFalse();
        assertThat(MessageText.isValid("")).isFalse();
        assertThat(MessageText.isValid(null)).isFalse();
    }
}
