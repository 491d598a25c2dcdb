package dev.visitorauth.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A JSON number is valid by construction, and a plain integer of at most 18 digits keeps its value. */
class JsonNumberTest {

    private static JsonValue.JsonNumber fromBytes(String text) {
        byte[] padded = ("[" + text + "]").getBytes(StandardCharsets.ISO_8859_1);
        return JsonValue.JsonNumber.ofAscii(padded, 1, padded.length - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-7", "1700000000", "999999999999999999", "-999999999999999999"})
    void keepsTheValueOfAnIntegerOfAtMost18Digits(String text) {
        for (JsonValue.JsonNumber number : new JsonValue.JsonNumber[] {new JsonValue.JsonNumber(text), fromBytes(text)}) {
            assertThat(number.isSmallInteger()).as(text).isTrue();
            assertThat(number.isPlainInteger()).isTrue();
            assertThat(BigDecimal.valueOf(number.smallIntegerValue())).isEqualByComparingTo(new BigDecimal(text));
            assertThat(number.text()).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000000000", "-1000000000000000000", "12345678901234567890123", "1.0", "1e3", "-2.50",
            "0.5", "1E+2"})
    void anyOtherNumberIsKeptAsTextOnly(String text) {
        for (JsonValue.JsonNumber number : new JsonValue.JsonNumber[] {new JsonValue.JsonNumber(text), fromBytes(text)}) {
            assertThat(number.isSmallInteger()).as(text).isFalse();
            assertThat(number.isPlainInteger()).isEqualTo(!text.contains(".") && !text.toLowerCase().contains("e"));
            assertThatThrownBy(number::smallIntegerValue).isInstanceOf(IllegalStateException.class);
            assertThat(number.toBigDecimal()).isEqualByComparingTo(new BigDecimal(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "01", "-01", "+1", "1.", ".5", "1e", "1e+", "1.5e", "0x10", "1 ", " 1", "1,2", "NaN",
            "\u0661", "1\u00e9"})
    void refusesWhatTheGrammarDoesNot(String text) {
        assertThat(JsonValue.JsonNumber.isJsonNumber(text)).as(text).isFalse();
        assertThatThrownBy(() -> new JsonValue.JsonNumber(text)).isInstanceOf(IllegalArgumentException.class);
        if (text.chars().allMatch(c -> c < 0x80)) {
            assertThatThrownBy(() -> fromBytes(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void isEqualByTextWhicheverWayItWasMade() {
        assertThat(fromBytes("-2.50")).isEqualTo(new JsonValue.JsonNumber("-2.50")).hasSameHashCodeAs(new JsonValue.JsonNumber("-2.50"))
                .isNotEqualTo(new JsonValue.JsonNumber("-2.5"));
    }
}
