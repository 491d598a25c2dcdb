package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksUrl;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a widget's JWKS URL once (spec section 12): through the outbound address guard, with
 * timeouts and a size bound, no redirects. It caches nothing and decides nothing about the keys:
 * which keys a widget may use, and for how long, is the application's and the domain's
 * ({@code WidgetPublicKey.accept}, {@code JwksState}). Never throws for a failed fetch.
 * Thread-safe.
 */
public interface FetchJwksPort {

    /** Fetches {@code url} now. */
    JwksFetch fetchJwks(JwksUrl url);

    /** What one fetch of a JWKS URL gave. */
    sealed interface JwksFetch permits JwksFetch.Fetched, JwksFetch.Failed {

        /**
         * A JWK set was read.
         *
         * @param keys   what each parsable JWK of the set says about itself, in the set's order;
         *               members that are no JWK jose4j can read are left out
         * @param maxAge the answer's {@code Cache-Control: max-age}; {@code no-cache} and
         *               {@code no-store} read as zero; empty when it names none
         */
        record Fetched(List<JwkFacts> keys, Optional<Duration> maxAge) implements JwksFetch {
            public Fetched {
                keys = List.copyOf(keys);
                Objects.requireNonNull(maxAge, "maxAge");
            }
        }

        /**
         * Nothing usable was read: refused by the outbound guard, unreachable, timed out, not a
         * 200, too large, or not a JWK set.
         *
         * @param reason a short description for operators: names the host, never the URL's path or
         *               query (they may carry a token)
         */
        record Failed(String reason) implements JwksFetch {
            public Failed {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
