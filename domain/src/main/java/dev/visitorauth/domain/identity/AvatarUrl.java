package dev.visitorauth.domain.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's avatar: an absolute {@code https} or {@code http} URL (scheme in any case) with a host,
 * no user info (browsers refuse to load images from such URLs), no whitespace or control
 * characters, at most {@value #MAX_LENGTH} code points. {@code javascript:}, {@code data:} and
 * relative URLs are not avatars. Valid by construction.
 *
 * <p>The verdict is {@link URI}'s (RFC 2396) reading of the text. Common URLs (a host name of
 * letters, digits and hyphens, an optional port, and a path, query and fragment of URI characters)
 * are recognised without building a {@link URI}; anything else goes through it.
 */
public record AvatarUrl(String value) {
    public static final int MAX_LENGTH = 2048;

    public AvatarUrl {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("an avatar is an absolute http(s) URL with a host, without user info");
        }
    }

    /** The avatar, if {@code text} is one. */
    public static Optional<AvatarUrl> parse(String text) {
        return isValid(text) ? Optional.of(new AvatarUrl(text)) : Optional.empty();
    }

    /** True when {@code text} is an avatar URL. */
    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > 2 * MAX_LENGTH) {
            return false;
        }
        int common = commonForm(text);
        if (common != UNSURE) {
            // The common form is printable ASCII only: its length is its code points.
            return common == YES && text.length() <= MAX_LENGTH;
        }
        int length = Texts.codePoints(text);
        if (length < 1 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Texts.isSpaceOrControl(text.charAt(i))) {
                return false;
            }
        }
        return readByUri(text);
    }

    private static final int YES = 1;
    private static final int NO = 0;
    private static final int UNSURE = -1;

    /**
     * {@code http(s)://host[:port][path][?query][#fragment]} with a plain host name: YES; a scheme
     * other than http(s): NO (as {@link URI} would say); anything else: UNSURE. One pass.
     */
    private static int commonForm(String s) {
        int n = s.length();
        int i;
        if (n > 8 && s.regionMatches(true, 0, "https://", 0, 8)) {
            i = 8;
        } else if (n > 7 && s.regionMatches(true, 0, "http://", 0, 7)) {
            i = 7;
        } else {
            return otherScheme(s);
        }
        i = hostAndPortEnd(s, i);
        return i >= 0 && isCommonRest(s, i) ? YES : UNSURE;
    }

    /** Not http(s)://: NO for a relative reference or another scheme, UNSURE for odd http(s) forms. */
    private static int otherScheme(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return NO; // no scheme: a relative reference
        }
        boolean web = (colon == 4 && s.regionMatches(true, 0, "http", 0, 4))
                || (colon == 5 && s.regionMatches(true, 0, "https", 0, 5));
        return !web && isScheme(s, colon) ? NO : UNSURE;
    }

    /**
     * Where the plain host name starting at {@code i} (and its port, if any) ends: labels of
     * letters, digits and inner hyphens, the last starting with a letter (RFC 2396 hostname, which
     * URI reads as a server-based authority); -1 when the authority is not of that common form.
     */
    private static int hostAndPortEnd(String s, int i) {
        int n = s.length();
        int labelStart = i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (i == labelStart || s.charAt(i - 1) == '-') {
                    return -1;
                }
                labelStart = i + 1;
            } else if (c == '-') {
                if (i == labelStart) {
                    return -1;
                }
            } else if (!isLetter(c) && !isDigit(c)) {
                break;
            }
        }
        if (i == labelStart || s.charAt(i - 1) == '-' || !isLetter(s.charAt(labelStart))) {
            return -1;
        }
        if (i < n && s.charAt(i) == ':') {
            int portStart = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == portStart) {
                return -1;
            }
        }
        if (i < n && s.charAt(i) != '/' && s.charAt(i) != '?' && s.charAt(i) != '#') {
            return -1; // user info, a bracketed address, or other characters in the authority
        }
        return i;
    }

    /** True when the path, query and fragment from {@code i} hold only URI characters and valid escapes, one '#'. */
    private static boolean isCommonRest(String s, int i) {
        int n = s.length();
        boolean inFragment = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '#') {
                if (inFragment) {
                    return false;
                }
                inFragment = true;
            } else if (c == '%') {
                if (i + 2 >= n || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isUriChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isScheme(String s, int colon) {
        if (colon == 0 || !isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static final boolean[] URI_CHARS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            URI_CHARS[c] = true;
            URI_CHARS[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            URI_CHARS[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:@/?".toCharArray()) {
            URI_CHARS[c] = true;
        }
    }

    /** Unreserved and reserved URI characters other than '%' and '#', which are handled apart. */
    private static boolean isUriChar(char c) {
        return c < 128 && URI_CHARS[c];
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The reference reading: {@link URI}. Package-private for the test that compares both. */
    static boolean readByUri(String s) {
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

    @Override
    public String toString() {
        return value;
    }
}
