package dev.visitorauth.domain.token;

import dev.visitorauth.domain.identity.Texts;


/**
 * String checks shared by the claim rules. Lengths are counted in Unicode code points, so an
 * emoji is one character, as an integrator counting characters expects. No regular expressions:
 * these run for every token.
 */
final class ClaimStrings {
    /** What {@link #length} returns for a string that cannot be stored faithfully. */
    static final int MALFORMED = Texts.MALFORMED;

    private ClaimStrings() {
    }

    /** See {@link Texts#codePoints}. */
    static int length(String s) {
        return Texts.codePoints(s);
    }

    /** {@link #length(String)} of a JSON string, without a scan when it is known to be printable ASCII. */
    static int length(JsonValue.JsonString s) {
        return s.isPrintableAscii() ? s.value().length() : Texts.codePoints(s.value());
    }

    /** True for a custom data key: 1 to {@code maxLength} characters of letters, digits, {@code _}, {@code -}, {@code .}. */
    static boolean isCustomDataKey(String key, int maxLength) {
        int length = key.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
