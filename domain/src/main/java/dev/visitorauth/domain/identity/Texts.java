package dev.visitorauth.domain.identity;

/**
 * Text checks shared by the identity value types and the token's claim rules. Lengths are counted
 * in Unicode code points, so an emoji is one character, as an integrator counting characters
 * expects. No regular expressions: these run for every token.
 */
public final class Texts {
    /** What {@link #codePoints} returns for a string that cannot be stored faithfully. */
    public static final int MALFORMED = -1;

    private Texts() {
    }

    /**
     * The number of code points in {@code s}, or {@link #MALFORMED} when it holds an unpaired
     * surrogate (a JSON {@code \ud800} escape, which UTF-8 cannot encode) or U+0000 (which
     * databases refuse in text).
     */
    public static int codePoints(String s) {
        int length = s.length();
        // The common case in one comparison per character: nothing at or above the surrogates, no U+0000.
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == 0 || c >= Character.MIN_SURROGATE) {
                return codePointsFrom(s, i, i);
            }
        }
        return length;
    }

    /** {@link #codePoints}, from {@code start}, where {@code counted} code points precede it. */
    private static int codePointsFrom(String s, int start, int counted) {
        int length = s.length();
        int codePoints = counted;
        for (int i = start; i < length; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return MALFORMED;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return MALFORMED;
                }
            }
            codePoints++;
        }
        return codePoints;
    }

    /** True for whitespace (including no-break spaces) and control characters. */
    public static boolean isSpaceOrControl(char c) {
        if (c > ' ' && c < 0x7F) {
            return false; // printable ASCII: the common case, decided without the Character tables
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
    }
}
