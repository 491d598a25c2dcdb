package dev.visitorauth.domain.token;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * String checks shared by the claim rules. Lengths are counted in Unicode code points, so an
 * emoji is one character, as an integrator counting characters expects. No regular expressions:
 * these run for every token.
 */
final class ClaimStrings {
    /** What {@link #length} returns for a string that cannot be stored faithfully. */
    static final int MALFORMED = -1;

    private ClaimStrings() {
    }

    /**
     * The number of code points in {@code s}, or {@link #MALFORMED} when it holds an unpaired
     * surrogate (a JSON {@code \ud800} escape, which UTF-8 cannot encode) or U+0000 (which
     * databases refuse in text).
     */
    static int length(String s) {
        int length = s.length();
        int codePoints = 0;
        for (int i = 0; i < length; i++) {
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
    static boolean isSpaceOrControl(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
    }

    /**
     * True when {@code s} looks like an e-mail address: exactly one {@code @} with something on
     * both sides, and no whitespace or control characters. Deliverability is not our business.
     */
    static boolean looksLikeEmail(String s) {
        int at = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (isSpaceOrControl(c)) {
                return false;
            }
        }
        return at > 0 && at < s.length() - 1;
    }

    /**
     * True when {@code s} is an absolute {@code http} or {@code https} URL (scheme in any case) with
     * a host, no user info (browsers refuse to load images from such URLs), and no whitespace or
     * control characters. {@code javascript:}, {@code data:} and relative URLs are not.
     */
    static boolean isWebUrl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isSpaceOrControl(s.charAt(i))) {
                return false;
            }
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            return false;
        }
        String host = uri.getHost();
        return host != null && !host.isEmpty() && uri.getRawUserInfo() == null;
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
