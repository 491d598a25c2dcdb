package dev.visitorauth.domain.token;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A strictly parsed JSON value, as the token's header and payload hold them. Numbers keep their
 * JSON text ({@code 3.0} stays {@code "3.0"}), so the claim rules decide how to read them. Produced
 * by the token adapter's strict parser; the domain never parses text itself.
 */
public sealed interface JsonValue
        permits JsonValue.JsonString, JsonValue.JsonNumber, JsonValue.JsonBoolean, JsonValue.JsonNull,
        JsonValue.JsonObject, JsonValue.JsonArray {

    /** The JSON type name used in messages: string, number, boolean, null, object, array. */
    String typeName();

    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /**
     * A number, as its JSON text (e.g. {@code 1}, {@code -2.50}, {@code 1e3}). Valid by construction:
     * the text follows the strict JSON number grammar.
     */
    record JsonNumber(String text) implements JsonValue {
        public JsonNumber {
            Objects.requireNonNull(text, "text");
            if (!isJsonNumber(text)) {
                throw new IllegalArgumentException("not a JSON number");
            }
        }

        /** Strict JSON number grammar (RFC 8259): {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
        public static boolean isJsonNumber(String text) {
            int length = text.length();
            int i = 0;
            if (i < length && text.charAt(i) == '-') {
                i++;
            }
            if (i >= length || !digit(text.charAt(i))) {
                return false;
            }
            if (text.charAt(i) == '0') {
                i++;
            } else {
                while (i < length && digit(text.charAt(i))) {
                    i++;
                }
            }
            if (i < length && text.charAt(i) == '.') {
                i++;
                int start = i;
                while (i < length && digit(text.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            }
            if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                i++;
                if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                    i++;
                }
                int start = i;
                while (i < length && digit(text.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            }
            return i == length;
        }

        private static boolean digit(char c) {
            return c >= '0' && c <= '9';
        }

        /** True when the text is a plain integer: optional minus and digits, no fraction or exponent. */
        public boolean isPlainInteger() {
            int start = text.startsWith("-") ? 1 : 0;
            if (start == text.length()) {
                return false;
            }
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        public java.math.BigDecimal toBigDecimal() {
            return new java.math.BigDecimal(text);
        }

        @Override
        public String typeName() {
            return "number";
        }
    }

    record JsonBoolean(boolean value) implements JsonValue {
        @Override
        public String typeName() {
            return "boolean";
        }
    }

    record JsonNull() implements JsonValue {
        public static final JsonNull INSTANCE = new JsonNull();

        @Override
        public String typeName() {
            return "null";
        }
    }

    /**
     * An object; members keep their order, and names are unique (the strict parser refuses
     * duplicates). Immutable.
     */
    final class JsonObject implements JsonValue {
        private final Map<String, JsonValue> members;

        /** An object holding a copy of {@code members}. */
        public JsonObject(Map<String, JsonValue> members) {
            Objects.requireNonNull(members, "members");
            this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        private JsonObject(LinkedHashMap<String, JsonValue> owned, boolean unused) {
            this.members = Collections.unmodifiableMap(owned);
        }

        /**
         * An object over {@code members} without copying it: for a parser that built the map and
         * hands it over, keeping no reference (the token hot path makes no defensive copies).
         */
        public static JsonObject owning(LinkedHashMap<String, JsonValue> members) {
            return new JsonObject(Objects.requireNonNull(members, "members"), true);
        }

        public Map<String, JsonValue> members() {
            return members;
        }

        public Optional<JsonValue> get(String name) {
            return Optional.ofNullable(members.get(name));
        }

        public boolean has(String name) {
            return members.containsKey(name);
        }

        @Override
        public String typeName() {
            return "object";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonObject other && other.members.equals(members);
        }

        @Override
        public int hashCode() {
            return members.hashCode();
        }

        @Override
        public String toString() {
            return "JsonObject" + members;
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }

        @Override
        public String typeName() {
            return "array";
        }
    }
}
