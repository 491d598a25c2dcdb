package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A widget's JWKS URL (spec section 12): an absolute {@code https} URL with a host, no user info
 * and no fragment, at most {@value #MAX_LENGTH} characters. Plain {@code http} is accepted only
 * when the deployment allows private outbound addresses (development and tests). Whether the host
 * resolves to a public address is checked when it is fetched, by the outbound guard.
 */
public record JwksUrl(String value) {
    public static final int MAX_LENGTH = 2048;

    public JwksUrl {
        String problem = problem(value, true);
        if (problem != null) {
            throw new IllegalArgumentException("The JWKS URL " + problem);
        }
    }

    /**
     * The URL, or {@code invalid_request} about {@link InputField#JWKS_URL}.
     *
     * @param allowPlainHttp true when {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE} is on
     */
    public static Result<JwksUrl> parse(String text, boolean allowPlainHttp) {
        String problem = problem(text, allowPlainHttp);
        return problem == null ? Result.ok(new JwksUrl(text))
                : Result.refused(Refusal.invalid(InputField.JWKS_URL, problem));
    }

    /** True when the URL uses plain http (allowed only with the private-outbound switch on). */
    public boolean plainHttp() {
        return value.regionMatches(true, 0, "http:", 0, 5);
    }

    private static String problem(String text, boolean allowPlainHttp) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return "must be an https URL of at most " + MAX_LENGTH + " characters.";
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "is not a valid URL.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
            return "must use https.";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "must be an absolute URL with a host, without user:password@ or a #fragment.";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
