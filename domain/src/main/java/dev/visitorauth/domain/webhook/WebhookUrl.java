package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an endpoint's deliveries go (spec section 11): an absolute {@code https} URL with a host, no
 * user info and no fragment, at most {@value #MAX_LENGTH} characters. Plain {@code http} only when
 * the deployment allows private outbound addresses. Whether its host resolves to an allowed address
 * is checked by the outbound guard, at create and update and again before every connection.
 */
public record WebhookUrl(String value) {
    public static final int MAX_LENGTH = 2048;

    public WebhookUrl {
        String problem = problem(value, true);
        if (problem != null) {
            throw new IllegalArgumentException("The webhook URL " + problem);
        }
    }

    /**
     * The URL, or {@code invalid_request} about {@link InputField#WEBHOOK_URL}.
     *
     * @param allowPlainHttp true when {@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE} is on
     */
    public static Result<WebhookUrl> parse(String text, boolean allowPlainHttp) {
        String problem = problem(text, allowPlainHttp);
        return problem == null ? Result.ok(new WebhookUrl(text))
                : Result.refused(Refusal.invalid(InputField.WEBHOOK_URL, problem));
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
