package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.JwkFacts;

/**
 * Reads a JSON Web Key (RFC 7517) an admin uploads, so the domain can decide whether a widget may
 * use it ({@link dev.visitorauth.domain.widget.WidgetPublicKey#accept}). The parser only reads: it
 * applies no product rule (private members, key types and sizes are reported, not judged).
 */
public interface ParseJwkPort {

    /**
     * What the JWK says about itself, or {@code invalid_request} naming {@code jwk} when the text is
     * not a JSON object or not a JWK the parser can read (no or unknown {@code kty}, key members
     * missing or malformed, a point not on its curve). The refusal never echoes key material.
     *
     * @param jwkJson the JWK as JSON text, already bounded in length by the caller
     */
    Result<JwkFacts> parse(String jwkJson);
}
