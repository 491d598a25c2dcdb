package dev.visitorauth.domain.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An event's {@code data}: one JSON object, kept as its text from the moment it is made, so every
 * way out (SSE, gRPC, webhooks) sends the same bytes. Built with {@link #builder()}, which escapes
 * strings as RFC 8259 requires; {@link Builder#raw} nests data already made.
 */
public record EventData(String json) {
    /** Spec section 8 bounds what goes into events already; this guards the log against a bug. */
    public static final int MAX_LENGTH = 64 * 1024;

    public EventData {
        Objects.requireNonNull(json, "json");
        if (json.length() < 2 || json.charAt(0) != '{' || json.charAt(json.length() - 1) != '}') {
            throw new IllegalArgumentException("event data is one JSON object");
        }
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("event data over " + MAX_LENGTH + " characters");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes one JSON object, member by member, in the order they are added. */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder(128).append('{');
        private boolean first = true;

        private Builder() {
        }

        public Builder string(String name, String value) {
            name(name);
            quote(Objects.requireNonNull(value, name));
            return this;
        }

        public Builder number(String name, long value) {
            name(name);
            text.append(value);
            return this;
        }

        public Builder bool(String name, boolean value) {
            name(name);
            text.append(value);
            return this;
        }

        /** An RFC 3339 time in UTC ({@code Instant.toString()}). */
        public Builder time(String name, Instant value) {
            return string(name, value.toString());
        }

        public Builder nullValue(String name) {
            name(name);
            text.append("null");
            return this;
        }

        /** A nested object made by another builder. */
        public Builder raw(String name, EventData value) {
            name(name);
            text.append(value.json());
            return this;
        }

        /** An array of strings. */
        public Builder strings(String name, Iterable<String> values) {
            name(name);
            text.append('[');
            boolean firstValue = true;
            for (String value : values) {
                if (!firstValue) {
                    text.append(',');
                }
                firstValue = false;
                quote(value);
            }
            text.append(']');
            return this;
        }

        public EventData build() {
            return new EventData(text + "}");
        }

        private void name(String name) {
            if (!first) {
                text.append(',');
            }
            first = false;
            quote(name);
            text.append(':');
        }

        private void quote(String value) {
            text.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    case '\b' -> text.append("\\b");
                    case '\f' -> text.append("\\f");
                    default -> {
                        // Control characters, and U+2028/U+2029 (line breaks to some JavaScript), as \\u and four hex digits.
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            text.append(String.format("\\u%04x", (int) c));
                        } else {
                            text.append(c);
                        }
                    }
                }
            }
            text.append('"');
        }
    }
}
