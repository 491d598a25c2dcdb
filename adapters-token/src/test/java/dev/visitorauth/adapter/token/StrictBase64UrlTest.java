package dev.visitorauth.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBase64UrlTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /**
     * The decoded bytes, or null when refused, by both decoders (the table-driven one into a given
     * array, and the one over the JDK's decoder), which must agree on every input.
     */
    private static byte[] decode(String encoded) {
        byte[] src = ("." + encoded + ".").getBytes(StandardCharsets.ISO_8859_1);
        byte[] overJdk = StrictBase64Url.decode(src, 1, src.length - 1);
        int size = StrictBase64Url.decodedLength(encoded.length());
        byte[] out = size < 0 ? null : new byte[size];
        byte[] byTable = out != null && StrictBase64Url.decode(src, 1, src.length - 1, out) ? out : null;
        assertThat(overJdk).as("both decoders agree on %s", encoded).isEqualTo(byTable);
        return byTable;
    }

    @Test
    void decodesWhatTheJdkEncodesForEveryLength() {
        Random random = new Random(7);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            assertThat(decode(encoded)).as("length %d", length).isEqualTo(bytes);
        }
    }

    @Test
    void decodesARangeInsideALargerArray() {
        byte[] src = "xx.SGVsbG8.yy".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[StrictBase64Url.decodedLength(7)];

        assertThat(StrictBase64Url.decode(src, 3, 10, out)).isTrue();
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("Hello");
    }

    @Test
    void knowsWhichLengthsAreImpossible() {
        assertThat(StrictBase64Url.decodedLength(0)).isZero();
        assertThat(StrictBase64Url.decodedLength(1)).isEqualTo(-1);
        assertThat(StrictBase64Url.decodedLength(2)).isEqualTo(1);
        assertThat(StrictBase64Url.decodedLength(3)).isEqualTo(2);
        assertThat(StrictBase64Url.decodedLength(43)).isEqualTo(32);
        assertThat(StrictBase64Url.decodedLength(45)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SGVsbG8=", "SGVsbA==", "SGV+bG8", "SGV/bG8", "SGV bG8", "SGVs\nbG8", "SGV.bG8", "SGVsbG8AA",
            "SGVs%G8", "ä"})
    void refusesPaddingWhitespaceAndForeignCharacters(String encoded) {
        assertThat(decode(encoded)).isNull();
    }

    @Test
    void refusesEveryNonCanonicalFinalCharacter() {
        for (int value = 0; value < 64; value++) {
            String two = "Q" + ALPHABET.charAt(value);
            String three = "QU" + ALPHABET.charAt(value);

            assertThat(decode(two) != null).as(two).isEqualTo((value & 0x0F) == 0);
            assertThat(decode(three) != null).as(three).isEqualTo((value & 0x03) == 0);
        }
    }

    @Test
    void refusesADestinationOfTheWrongSize() {
        byte[] src = "SGVsbG8".getBytes(StandardCharsets.US_ASCII);

        assertThat(StrictBase64Url.decode(src, 0, src.length, new byte[4])).isFalse();
    }
}
