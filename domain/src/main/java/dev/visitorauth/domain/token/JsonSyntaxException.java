package dev.visitorauth.domain.token;

/**
 * A token segment that is not a strict JSON object, as the token adapter's strict parser found it.
 * An expected outcome on a path an attacker drives, so it carries no stack trace. The domain turns
 * its {@link Failure} into the refusal ({@link TokenRefusals#json}).
 */
public final class JsonSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Spec section 8: nesting depth of a token's JSON (the outer object is level 1). */
    public static final int MAX_DEPTH = 64;
    /** Spec section 8: the longest number in a token's JSON, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private final transient Failure failure;

    public JsonSyntaxException(Failure failure, String detail) {
        super(detail, null, false, false);
        this.failure = java.util.Objects.requireNonNull(failure, "failure");
    }

    public Failure failure() {
        return failure;
    }

    /** Why a segment is not a strict JSON object. */
    public enum Failure {
        INVALID_UTF8("is not valid UTF-8"),
        BYTE_ORDER_MARK("starts with a byte order mark"),
        NOT_AN_OBJECT("is not a JSON object"),
        DUPLICATE_MEMBER("has a duplicate member name"),
        TRAILING_DATA("has data after its JSON object"),
        NESTED_TOO_DEEP("is nested deeper than " + MAX_DEPTH + " levels"),
        NUMBER_TOO_LONG("has a number longer than " + MAX_NUMBER_LENGTH + " characters"),
        NOT_STRICT_JSON("is not strict JSON (no comments, trailing commas, leading zeros, single quotes or NaN)");

        private final String phrase;

        Failure(String phrase) {
            this.phrase = phrase;
        }

        /** Completes "The token's header ..." and the like. */
        public String phrase() {
            return phrase;
        }
    }
}
