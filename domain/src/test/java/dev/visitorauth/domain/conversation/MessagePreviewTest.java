package dev.visitorauth.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagePreviewTest {

    @Test
    void isTheFirstLineWithoutTheWhitespaceAroundIt() {
        assertThat(MessagePreview.of("  Hello there  \nsecond line")).isEqualTo("Hello there");
        assertThat(MessagePreview.of("one\r\ntwo")).isEqualTo("one");
        assertThat(MessagePreview.of("one\u2028two")).isEqualTo("one");
    }

    @Test
    void skipsLeadingBlankLines() {
        assertThat(MessagePreview.of("\n\n  \n  text after blank lines\nmore")).isEqualTo("text after blank lines");
    }

    @Test
    void isCutAt140CodePointsNeverInsideASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String text = emoji.repeat(200);

        String preview = MessagePreview.of(text);

        assertThat(preview.codePointCount(0, preview.length())).isEqualTo(MessagePreview.MAX_CODE_POINTS);
        assertThat(preview).isEqualTo(emoji.repeat(140));
        assertThat(MessagePreview.of("a".repeat(140))).hasSize(140);
        assertThat(MessagePreview.of("a".repeat(141))).hasSize(140);
    }
}
