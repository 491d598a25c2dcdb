package dev.visitorauth.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A JSON string knows, by construction, whether it is printable ASCII; the claim rules' lengths rely on it. */
class JsonStringTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Ada Lovelace", " !~", "https://cdn.example.com/a.png?x=1#y"})
    void printableAsciiIsKnownFromTheText(String text) {
        assertThat(new JsonValue.JsonString(text).isPrintableAscii()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u001fb", "\u007f", "Zoë", "a\uD83D\uDE00", "\uD800", "tab\there"})
    void anythingElseIsNot(String text) {
        assertThat(new JsonValue.JsonString(text).isPrintableAscii()).isFalse();
    }

    /**
     * Bytes are checked eight at a time, then one by one: every byte value, at every position of
     * strings of 0 to 20 bytes, read at an offset, against the definition.
     */
    @Test
    void fromUtf8BytesItIsKnownWhereverTheOtherByteFalls() {
        int checked = 0;
        for (int length = 1; length <= 20; length++) {
            for (int position = 0; position < length; position++) {
                for (int b = 0; b < 256; b++) {
                    byte[] bytes = new byte[length + 6];
                    Arrays.fill(bytes, (byte) 0x80); // around the string: bytes that would make it not ASCII
                    for (int k = 0; k < length; k++) {
                        bytes[3 + k] = (byte) ('A' + k);
                    }
                    bytes[3 + position] = (byte) b;
                    JsonValue.JsonString string = JsonValue.JsonString.ofUtf8(bytes, 3, 3 + length);
                    assertThat(string.isPrintableAscii()).as("byte %d at %d of %d", b, position, length)
                            .isEqualTo(b >= 0x20 && b < 0x7F);
                    assertThat(string.value()).isEqualTo(new String(bytes, 3, length, StandardCharsets.UTF_8));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(210 * 256);
        assertThat(JsonValue.JsonString.ofUtf8(new byte[] {'a'}, 1, 1).isPrintableAscii()).isTrue();
    }

    @Test
    void isEqualByTextWhicheverWayItWasMade() {
        byte[] utf8 = "Zoë".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonValue.JsonString.ofUtf8(utf8, 0, utf8.length)).isEqualTo(new JsonValue.JsonString("Zoë"))
                .hasSameHashCodeAs(new JsonValue.JsonString("Zoë"));
    }

    /** The claim rules' length of a JSON string is its code points, however the string was made. */
    @Test
    void theClaimLengthOfAJsonStringIsThatOfItsText() {
        for (String text : List.of("", "abc", "Zoë", "a\uD83D\uDE00b", "a\uD800b", "a\u0000b", "\u007f")) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertThat(ClaimStrings.length(new JsonValue.JsonString(text))).as(text).isEqualTo(ClaimStrings.length(text));
            if (text.indexOf('\uD800') < 0) { // an unpaired surrogate has no UTF-8 form
                assertThat(ClaimStrings.length(JsonValue.JsonString.ofUtf8(utf8, 0, utf8.length))).as(text)
                        .isEqualTo(ClaimStrings.length(text));
            }
        }
    }
}
