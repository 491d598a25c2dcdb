package dev.visitorauth.adapter.rest.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/** Reads {@code Authorization: Bearer <credential>} (scheme case-insensitive, RFC 6750). */
public final class BearerToken {
    private static final String SCHEME = "bearer";
    /** Longer than any credential this service issues; anything longer is not ours. */
    private static final int MAX_LENGTH = 512;

    private BearerToken() {
    }

    /** The credential, when the header is present and well formed. */
    public static Optional<String> from(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= SCHEME.length() + 1
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || header.charAt(SCHEME.length()) != ' ') {
            return Optional.empty();
        }
        String credential = header.substring(SCHEME.length() + 1).strip();
        if (credential.isEmpty() || credential.length() > MAX_LENGTH || !isToken68(credential)) {
            return Optional.empty();
        }
        return Optional.of(credential);
    }

    private static boolean isToken68(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
