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
        public static final JsonBoolean TRUE = new JsonBoolean(true);
        public static final JsonBoolean FALSE = new JsonBoolean(false);

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
     * An object; members keep their order, and names are unique. Immutable. Small objects (every
     * token's header and claims) are two arrays searched in order, names compared by identity
     * first (a parser that interns names makes the rules' look-ups of "exp", "id", ... one compare
     * each); larger ones also keep a hash index.
     */
    final class JsonObject implements JsonValue {
        /** Objects with more members than this keep a hash index as well. */
        static final int LINEAR_MEMBERS = 16;

        private final String[] names;
        private final JsonValue[] values;
        private final int size;
        private final Map<String, Integer> index;
        private final Map<String, JsonValue> view = new MembersView();

        /** An object holding a copy of {@code members} (names are unique, as map keys are). */
        public JsonObject(Map<String, JsonValue> members) {
            Objects.requireNonNull(members, "members");
            Builder builder = new Builder();
            for (Map.Entry<String, JsonValue> member : members.entrySet()) {
                builder.add(member.getKey(), member.getValue());
            }
            this.names = builder.names;
            this.values = builder.values;
            this.size = builder.size;
            this.index = builder.index;
        }

        private JsonObject(Builder builder) {
            this.names = builder.names;
            this.values = builder.values;
            this.size = builder.size;
            this.index = builder.index;
        }

        public Map<String, JsonValue> members() {
            return view;
        }

        /** The number of members. */
        public int size() {
            return size;
        }

        /** The name of member {@code i}, in document order (for one pass over the members). */
        public String name(int i) {
            java.util.Objects.checkIndex(i, size);
            return names[i];
        }

        /** The value of member {@code i}, in document order. */
        public JsonValue value(int i) {
            java.util.Objects.checkIndex(i, size);
            return values[i];
        }

        public Optional<JsonValue> get(String name) {
            return Optional.ofNullable(find(name));
        }

        public boolean has(String name) {
            return indexOf(name) >= 0;
        }

        private JsonValue find(Object name) {
            int i = indexOf(name);
            return i < 0 ? null : values[i];
        }

        private int indexOf(Object name) {
            if (index != null) {
                Integer i = index.get(name);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < size; i++) {
                if (names[i] == name) {
                    return i;
                }
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String typeName() {
            return "object";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonObject other && other.view.equals(view);
        }

        @Override
        public int hashCode() {
            return view.hashCode();
        }

        @Override
        public String toString() {
            return "JsonObject" + view;
        }

        /**
         * Builds an object member by member, in document order, refusing a name seen before (names
         * compared after any escapes were decoded). For a parser: no copy is made at the end.
         */
        public static final class Builder {
            private String[] names = new String[LINEAR_MEMBERS];
            private JsonValue[] values = new JsonValue[LINEAR_MEMBERS];
            private int size;
            private Map<String, Integer> index;
            private boolean built;

            /** Adds a member; false (and nothing added) when the object already has that name. */
            public boolean add(String name, JsonValue value) {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(value, "value");
                if (built) {
                    throw new IllegalStateException("already built");
                }
                if (index != null) {
                    if (index.putIfAbsent(name, size) != null) {
                        return false;
                    }
                } else {
                    for (int i = 0; i < size; i++) {
                        if (names[i].equals(name)) {
                            return false;
                        }
                    }
                    if (size == LINEAR_MEMBERS) {
                        index = new java.util.HashMap<>(LINEAR_MEMBERS * 4);
                        for (int i = 0; i < size; i++) {
                            index.put(names[i], i);
                        }
                        index.put(name, size);
                    }
                }
                if (size == names.length) {
                    names = java.util.Arrays.copyOf(names, size * 2);
                    values = java.util.Arrays.copyOf(values, size * 2);
                }
                names[size] = name;
                values[size] = value;
                size++;
                return true;
            }

            /** The object; the builder cannot be used again. */
            public JsonObject build() {
                built = true;
                return new JsonObject(this);
            }
        }

        /** The members as a read-only map, in document order. */
        private final class MembersView extends java.util.AbstractMap<String, JsonValue> {
            @Override
            public JsonValue get(Object key) {
                return find(key);
            }

            @Override
            public boolean containsKey(Object key) {
                return indexOf(key) >= 0;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public java.util.Set<Entry<String, JsonValue>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override
                    public java.util.Iterator<Entry<String, JsonValue>> iterator() {
                        return new java.util.Iterator<>() {
                            private int next;

                            @Override
                            public boolean hasNext() {
                                return next < size;
                            }

                            @Override
                            public Entry<String, JsonValue> next() {
                                if (next >= size) {
                                    throw new java.util.NoSuchElementException();
                                }
                                int i = next++;
                                return new java.util.AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return size;
                    }
                };
            }
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
