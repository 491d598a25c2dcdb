package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.JwkFacts;
import java.util.Objects;

/**
 * Reads a JSON Web Key (RFC 7517) an admin uploads, so the domain can decide whether a widget may
 * use it ({@link dev.visitorauth.domain.widget.WidgetPublicKey#accept}). The parser only reads: it
 * applies no product rule (private members, key types and sizes are reported, not judged), and it
 * picks no refusal: the use case turns {@link Unreadable} into {@code invalid_request} naming
 * {@code jwk}.
 */
public interface ParseJwkPort {

    /**
     * What the JWK says about itself, or why it is not a key the parser can read.
     *
     * @param jwkJson the JWK as JSON text, already bounded in length by the caller
     */
    JwkReading parse(String jwkJson);

    /** The outcome of reading a JWK. */
    sealed interface JwkReading permits Read, Unreadable {
    }

    /** The JWK was read; the domain judges it. */
    record Read(JwkFacts facts) implements JwkReading {
        public Read {
            Objects.requireNonNull(facts, "facts");
        }
    }

    /**
     * The text is not a JSON object, or not a JWK the parser can read (no or unknown {@code kty},
     * key members missing or malformed, a point not on its curve).
     *
     * @param problem what is wrong, for the admin; never a key member's value
     */
    record Unreadable(String problem) implements JwkReading {
        public Unreadable {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
