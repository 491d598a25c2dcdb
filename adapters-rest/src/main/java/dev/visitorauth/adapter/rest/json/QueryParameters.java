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
}
