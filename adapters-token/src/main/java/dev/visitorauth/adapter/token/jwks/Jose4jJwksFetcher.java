package dev.visitorauth.adapter.token.jwks;

import dev.visitorauth.adapter.token.Jose4jJwkParser;
import dev.visitorauth.adapter.outbound.OutboundHttpClient;
import dev.visitorauth.adapter.outbound.OutboundRefusedException;
import dev.visitorauth.application.port.out.FetchJwksPort;
import dev.visitorauth.application.port.out.ParseJwkPort;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksUrl;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a JWKS URL through the guarded {@link OutboundHttpClient} and reads the set with jose4j
 * ({@link JsonUtil} refuses duplicate members); each member is read by {@link Jose4jJwkParser}, as an
 * uploaded JWK is, and one it cannot read (unknown {@code kty}, bad members, an EC point off its
 * curve) is skipped. It reports what each JWK says ({@link JwkFacts}); which
 * keys a widget may use is the domain's rule, applied by the caller. Failures are logged at WARN
 * with the host only, and returned; never thrown. Thread-safe.
 */
public final class Jose4jJwksFetcher implements FetchJwksPort {
    /** The most members of {@code keys} read from one set; the rest are ignored. */
    public static final int MAX_KEYS_READ = 100;

    private static final Logger log = LoggerFactory.getLogger(Jose4jJwksFetcher.class);
    private static final String ACCEPT = "application/jwk-set+json, application/json;q=0.9";
    /** Each member of a set is read as an uploaded JWK is: one home for what a readable key is. */
    private static final Jose4jJwkParser JWK_READER = new Jose4jJwkParser();
    /** Longer than any lifetime the domain keeps; bounds a huge max-age before it becomes a Duration. */
    private static final long MAX_AGE_CAP_SECONDS = 10L * 365 * 24 * 3600;

    private final OutboundHttpClient http;

    public Jose4jJwksFetcher(OutboundHttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public JwksFetch fetchJwks(JwksUrl url) {
        URI uri = URI.create(url.value());
        String host = uri.getHost();
        JwksFetch fetch = fetch(uri, host);
        if (fetch instanceof JwksFetch.Failed failed) {
            log.warn("JWKS unavailable: {}", failed.reason());
        }
        return fetch;
    }

    private JwksFetch fetch(URI uri, String host) {
        OutboundHttpClient.Response response;
        try {
            response = http.get(uri, ACCEPT);
        } catch (OutboundRefusedException e) {
            return new JwksFetch.Failed("the JWKS URL was refused: " + e.getMessage());
        } catch (OutboundHttpClient.ResponseLimitException e) {
            return new JwksFetch.Failed("the JWKS from " + host + " was refused: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return new JwksFetch.Failed(host + " did not answer in time");
        } catch (IOException e) {
            return new JwksFetch.Failed(host + " could not be reached (" + e.getClass().getSimpleName() + ")");
        }
        if (response.status() != 200) {
            return new JwksFetch.Failed(host + " answered HTTP " + response.status()
                    + (response.status() / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        Map<String, Object> set;
        try {
            set = JsonUtil.parseJson(utf8(response.body()));
        } catch (JoseException | CharacterCodingException | RuntimeException e) {
            // RuntimeException: the bytes come from another host and meet a library's parser here
            return new JwksFetch.Failed("the answer of " + host + " is not JSON");
        }
        if (set == null || !(set.get("keys") instanceof List<?> members)) {
            return new JwksFetch.Failed("the answer of " + host + " is not a JWK set (no \"keys\" array)");
        }
        List<JwkFacts> keys = new ArrayList<>();
        for (Object member : members.subList(0, Math.min(members.size(), MAX_KEYS_READ))) {
            if (member instanceof Map<?, ?> map) {
                facts(map).ifPresent(keys::add);
            }
        }
        return new JwksFetch.Fetched(keys, maxAge(response.header("cache-control")));
    }

    /** What a member of the set says of itself, read as an uploaded JWK is; empty when it is no key we read. */
    private static Optional<JwkFacts> facts(Map<?, ?> member) {
        @SuppressWarnings("unchecked")
        String json = JsonUtil.toJson((Map<String, ?>) member);
        return JWK_READER.parse(json) instanceof ParseJwkPort.Read read ? Optional.of(read.facts()) : Optional.empty();
    }

    /**
     * The {@code max-age} of {@code Cache-Control} headers; {@code no-cache} or {@code no-store}
     * read as zero; empty when neither is there (a malformed {@code max-age} counts as absent).
     */
    static Optional<Duration> maxAge(List<String> cacheControl) {
        Optional<Duration> maxAge = Optional.empty();
        for (String header : cacheControl) {
            for (String directive : header.split(",")) {
                String d = directive.trim().toLowerCase(Locale.ROOT);
                if (d.equals("no-cache") || d.equals("no-store")) {
                    return Optional.of(Duration.ZERO);
                }
                if (d.startsWith("max-age=")) {
                    String value = d.substring("max-age=".length()).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty() && value.length() <= 19 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        maxAge = Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(value), MAX_AGE_CAP_SECONDS)));
                    }
                }
            }
        }
        return maxAge;
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }
}
