package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The browser origins a widget may be used from. Empty means any origin. Each entry is a
 * serialized origin ({@code https://shop.example.com} or with a port), compared exactly after
 * lower-casing scheme and host and dropping a default port.
 */
public record AllowedOrigins(List<String> origins) {
    public static final int MAX_ORIGINS = 100;

    public AllowedOrigins {
        Objects.requireNonNull(origins, "origins");
        if (origins.size() > MAX_ORIGINS) {
            throw new IllegalArgumentException("at most " + MAX_ORIGINS + " allowed origins");
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String o : origins) {
            normalised.add(normalise(o).orElseThrow(() -> new IllegalArgumentException(
                    "allowed origins are scheme://host[:port] with scheme http or https, no path")));
        }
        origins = List.copyOf(normalised);
    }

    /**
     * The list an admin sent: {@code invalid_request} about the allowed origins when it holds more
     * than {@value #MAX_ORIGINS} entries or one that is not an http(s) origin.
     */
    public static Result<AllowedOrigins> of(List<String> origins) {
        if (origins.size() > MAX_ORIGINS) {
            return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.ALLOWED_ORIGINS,
                    "at most " + MAX_ORIGINS + " allowed origins."));
        }
        for (String origin : origins) {
            if (normalise(origin).isEmpty()) {
                return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.ALLOWED_ORIGINS,
                        "each allowed origin is scheme://host[:port] with scheme http or https and no path."));
            }
        }
        return Result.ok(new AllowedOrigins(origins));
    }

    public static AllowedOrigins any() {
        return new AllowedOrigins(List.of());
    }

    /** True when a request with this browser {@code Origin} may use the widget. */
    public boolean allows(String origin) {
        if (origins.isEmpty()) {
            return true;
        }
        return normalise(origin).map(origins::contains).orElse(false);
    }

    /** The canonical form of an origin, or empty when it is not an http(s) origin. */
    public static Optional<String> normalise(String origin) {
        if (origin == null || origin.isEmpty() || origin.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
