package dev.visitorauth.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
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

    @Test
    void parsingNamesTheTextInItsRefusal() {
        assertThat(MessageText.parse("hi").orElseThrow()).isEqualTo(new MessageText("hi"));
        for (String bad : new String[] {" ", "a".repeat(MessageText.MAX_LENGTH + 1), null}) {
            assertThat(MessageText.parse(bad)).isEqualTo(Result.refused(
                    Refusal.invalid(InputField.TEXT, "must be 1 to 10000 code points and not blank.")));
        }
    }
}
