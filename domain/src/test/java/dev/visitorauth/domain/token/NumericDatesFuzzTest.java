package dev.visitorauth.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The NumericDate grammar and value (spec section 3: integer or decimal seconds) against a
 * reference built on {@link BigDecimal}, and the JSON number grammar (which a {@link JsonValue.JsonNumber}
 * checks at construction) against RFC 8259's as a regular expression.
 * The input bytes are the number's text (ISO-8859-1, so every byte is one character); the corpus
 * under {@code NumericDatesFuzzTestInputs/} holds the edge cases as plain text files.
 */
class NumericDatesFuzzTest {
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final BigDecimal YEAR_10000 = BigDecimal.valueOf(Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
    private static final BigDecimal ONE_NANOSECOND = new BigDecimal("1e-9");

    /** The calls into production code: a rename of the grammar or the reader is a one-line change here. */
    private static boolean grammarUnderTest(String text) {
        return JsonValue.JsonNumber.isJsonNumber(text);
    }

    private static Instant underTest(String text) {
        return NumericDates.toInstant(new JsonValue.JsonNumber(text));
    }

    @FuzzTest
    void readsEveryNumberAsTheBigDecimalReferenceDoes(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        boolean isNumber = JSON_NUMBER.matcher(text).matches();

        assertThat(grammarUnderTest(text)).as("\"%s\" is a JSON number", text).isEqualTo(isNumber);
        if (isNumber) {
            assertThat(underTest(text)).as("NumericDate of \"%s\"", text).isEqualTo(reference(text));
        }
    }

    /**
     * What a NumericDate is, said plainly: the JSON number's exact value, null when it is not a
     * JSON number or is negative, the far future (10000-01-01) for anything at or beyond it, else
     * the instant truncated to the nanosecond.
     */
    static Instant reference(String text) {
        if (!JSON_NUMBER.matcher(text).matches()) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException exponentBeyondInt) {
            return referenceBeyondBigDecimal(text);
        }
        if (value.signum() < 0) {
            return null;
        }
        if (value.compareTo(YEAR_10000) >= 0) {
            return Instant.ofEpochSecond(YEAR_10000.longValueExact());
        }
        if (value.compareTo(ONE_NANOSECOND) < 0) {
            return Instant.EPOCH; // truncation to the nanosecond, without a division by 10^huge
        }
        BigDecimal nanos = value.setScale(9, RoundingMode.DOWN).movePointRight(9);
        BigInteger[] secondsAndNanos = nanos.toBigIntegerExact().divideAndRemainder(BigInteger.valueOf(1_000_000_000));
        return Instant.ofEpochSecond(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }

    /** An exponent outside int: the mantissa's sign and the exponent's sign decide. */
    private static Instant referenceBeyondBigDecimal(String text) {
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        BigDecimal mantissa = new BigDecimal(text.substring(0, e));
        BigInteger exponent = new BigInteger(text.substring(e + 1).replace("+", ""));
        if (mantissa.signum() == 0) {
            return Instant.EPOCH;
        }
        if (mantissa.signum() < 0) {
            return null;
        }
        return exponent.signum() > 0 ? Instant.ofEpochSecond(YEAR_10000.longValueExact()) : Instant.EPOCH;
    }
}
