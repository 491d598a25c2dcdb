package dev.visitorauth.domain.token;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reads JWT NumericDates ({@code exp}, {@code nbf}, {@code iat}): a non-negative JSON number of
 * seconds since 1970-01-01T00:00:00Z, integer or decimal, exponent form included. Fractions are
 * kept to the nanosecond and truncated beyond. Never throws and never does arithmetic whose cost
 * grows with a number's exponent, so {@code 1e999999999} is as cheap as {@code 1700000000}.
 */
final class NumericDates {
    /** The first second after 9999-12-31T23:59:59.999999999Z, in seconds since the epoch. */
    private static final long FAR_FUTURE_SECONDS = 253_402_300_800L;
    /**
     * Every NumericDate at or after 10000-01-01T00:00:00Z reads as this instant. Far beyond any
     * lifetime or skew, so the time rules refuse it, and small enough that adding a clock skew or
     * taking a {@link java.time.Duration} to it never overflows.
     */
    static final Instant FAR_FUTURE = Instant.ofEpochSecond(FAR_FUTURE_SECONDS);

    private static final BigDecimal FAR_FUTURE_DECIMAL = BigDecimal.valueOf(FAR_FUTURE_SECONDS);
    private static final BigDecimal ONE_NANOSECOND = BigDecimal.valueOf(1, 9);

    private NumericDates() {
    }

    /**
     * The instant a JSON number denotes: {@link #FAR_FUTURE} for anything at or beyond it, or
     * {@code null} when the number is negative or its text is not a JSON number.
     */
    static Instant toInstant(JsonValue.JsonNumber number) {
        if (number.isSmallInteger()) { // the common case: whole seconds, read by the parser already
            long seconds = number.smallIntegerValue();
            if (seconds < 0) {
                return null;
            }
            return seconds >= FAR_FUTURE_SECONDS ? FAR_FUTURE : Instant.ofEpochSecond(seconds);
        }
        return slowPath(number.text());
    }

    /** True for an instant that stands for "at or after 10000-01-01", not an exact time. */
    static boolean isFarFuture(Instant instant) {
        return !instant.isBefore(FAR_FUTURE);
    }

    private static Instant slowPath(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException exponentOutOfRange) {
            return beyondBigDecimal(text);
        }
        // Comparisons and signum look at precision and scale only: cheap for any exponent.
        if (value.signum() < 0) {
            return null;
        }
        if (value.compareTo(FAR_FUTURE_DECIMAL) >= 0) {
            return FAR_FUTURE;
        }
        if (value.compareTo(ONE_NANOSECOND) < 0) {
            return Instant.EPOCH;
        }
        // Here 1e-9 <= value < 2.6e11, so the scale is bounded by the text's length.
        long seconds = value.longValue();
        int nanos = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** A JSON number whose exponent is outside what BigDecimal holds: tiny or huge by its exponent's sign. */
    private static Instant beyondBigDecimal(String text) {
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        if (e < 0) {
            return null;
        }
        boolean mantissaIsZero = true;
        for (int i = 0; i < e; i++) {
            char c = text.charAt(i);
            if (c >= '1' && c <= '9') {
                mantissaIsZero = false;
                break;
            }
        }
        if (mantissaIsZero) {
            return Instant.EPOCH;
        }
        if (text.charAt(0) == '-') {
            return null;
        }
        return text.charAt(e + 1) == '-' ? Instant.EPOCH : FAR_FUTURE;
    }
}
