package dev.visitorauth.adapter.rest.error;

import dev.visitorauth.adapter.rest.http.HttpLimits;
import java.util.Optional;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The JSON limits of every request body (spec section 8): nesting at most {@value #MAX_DEPTH} levels
 * (the outer object or array is level 1), numbers at most {@value #MAX_NUMBER_LENGTH} characters,
 * strings at most the body limit. Enforced by Jackson's {@link StreamReadConstraints} while parsing,
 * so a deep or huge document fails before it is built; a body over one is {@code invalid_request}
 * whose message names the limit.
 */
public final class JsonLimits {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_STRING_LENGTH = (int) HttpLimits.MAX_BODY_BYTES;

    private JsonLimits() {
    }

    /** The constraints for the REST adapter's JSON parser. */
    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build();
    }

    /** What limit a failed read hit, in words for the caller; empty when it hit none. */
    static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                String message = String.valueOf(limit.getOriginalMessage());
                if (message.contains("nesting depth")) {
                    return Optional.of("The request body is nested deeper than " + MAX_DEPTH + " levels.");
                }
                if (message.startsWith("Number value length")) {
                    return Optional.of("A number in the request body is longer than " + MAX_NUMBER_LENGTH + " characters.");
                }
                if (message.startsWith("String value length")) {
                    return Optional.of("A string in the request body is longer than " + MAX_STRING_LENGTH + " characters.");
                }
                return Optional.of("The request body is over a JSON limit: at most " + MAX_DEPTH + " levels of nesting, "
                        + "numbers of " + MAX_NUMBER_LENGTH + " characters and strings of " + MAX_STRING_LENGTH + ".");
            }
        }
        return Optional.empty();
    }
}
