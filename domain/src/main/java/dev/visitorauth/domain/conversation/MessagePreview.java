package dev.visitorauth.domain.conversation;

/**
 * The preview of a message in a conversation list (spec section 14): its first line that holds
 * text, without the whitespace around it, cut to at most {@value #MAX_CODE_POINTS} code points
 * (never inside a surrogate pair). Line breaks are LF, CR, NEL, U+2028 and U+2029.
 */
public final class MessagePreview {
    public static final int MAX_CODE_POINTS = 140;

    private MessagePreview() {
    }

    /** The preview of {@code text}; empty only when {@code text} holds no visible character. */
    public static String of(String text) {
        int length = text.length();
        int start = 0;
        while (start < length && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = start;
        int codePoints = 0;
        while (end < length && codePoints < MAX_CODE_POINTS && !isLineBreak(text.charAt(end))) {
            end += Character.isHighSurrogate(text.charAt(end)) && end + 1 < length
                    && Character.isLowSurrogate(text.charAt(end + 1)) ? 2 : 1;
            codePoints++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
