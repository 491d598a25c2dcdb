package dev.visitorauth.adapter.rest.json;

import dev.visitorauth.adapter.rest.error.RefusedException;

/** Reads query parameters as text and checks them here, so a bad value is {@code invalid_request} naming it. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** A positive whole number; absent or empty gives {@code defaultValue}. Ranges are the use case's. */
    public static int wholeNumber(String name, String raw, int defaultValue) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        if (raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RefusedException.invalid(name, name + " must be a positive whole number (digits only).");
        }
        return Integer.parseInt(raw);
    }

    /** A positive whole number, or empty when absent or empty (the use case then applies its default and range). */
    public static java.util.OptionalInt optionalWholeNumber(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(wholeNumber(name, raw, 0));
    }

    /** A text parameter; absent or empty is empty. */
    public static java.util.Optional<String> optionalText(String raw) {
        return raw == null || raw.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(raw);
    }
}
