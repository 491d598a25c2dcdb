package dev.visitorauth.domain.token;

import dev.visitorauth.domain.ArrayMap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    /**
     * A string, and whether it is printable ASCII only (U+0020 to U+007E): then its length is its
     * code points and it holds nothing that cannot be stored, which the claim rules would otherwise
     * find out by scanning it again. Known by construction, never taken on trust: the constructor
     * scans the text; {@link #ofUtf8} checks the bytes, eight at a time, as it decodes them.
     */
    final class JsonString implements JsonValue {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGHS = 0x8080808080808080L;

        private final String value;
        private final boolean printableAscii;

        public JsonString(String value) {
            this(value, isPrintableAscii(Objects.requireNonNull(value, "value")));
        }

        private JsonString(String value, boolean printableAscii) {
            this.value = value;
            this.printableAscii = printableAscii;
        }

        /** The string UTF-8 bytes {@code [from, to)} hold (invalid sequences are replaced, as {@code new String} does). */
        public static JsonString ofUtf8(byte[] utf8, int from, int to) {
            return new JsonString(new String(utf8, from, to - from, StandardCharsets.UTF_8), isPrintableAscii(utf8, from, to));
        }

        public String value() {
            return value;
        }

        /** True when every character is printable ASCII (U+0020 to U+007E). */
        public boolean isPrintableAscii() {
            return printableAscii;
        }

        private static boolean isPrintableAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c >= 0x7F) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Every byte in 0x20 to 0x7E, eight at a time: a byte below 0x20, 0x7F or one with its high
         * bit set flags its word. A borrow can flag only bytes above (after) a flagged one, so a
         * word's flags are exact up to its first flagged byte: that is what lets the last word
         * overlap the one before it, and a short string be read as the low bytes of one word when
         * the array holds eight bytes from its start.
         */
        private static boolean isPrintableAscii(byte[] bytes, int from, int to) {
            int length = to - from;
            if (length >= 8) {
                long flags = 0;
                for (int i = from, last = to - 8; i < last; i += 8) {
                    flags |= nonPrintable((long) LONGS.get(bytes, i));
                }
                return ((flags | nonPrintable((long) LONGS.get(bytes, to - 8))) & HIGHS) == 0;
            }
            if (length == 0) {
                return true;
            }
            if (bytes.length - from >= 8) {
                long lowBytes = HIGHS >>> ((8 - length) << 3);
                return (nonPrintable((long) LONGS.get(bytes, from)) & lowBytes) == 0;
            }
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b < 0x20 || b == 0x7F) { // a byte with its high bit set is negative
                    return false;
                }
            }
            return true;
        }

        /** The high bit of each byte of {@code word} outside 0x20 to 0x7E, exact up to the first. */
        private static long nonPrintable(long word) {
            long delete = word ^ ONES * 0x7F;
            return (word | ((word - ONES * 0x20) & ~word) | ((delete - ONES) & ~delete)) & HIGHS;
        }

        @Override
        public String typeName() {
            return "string";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonString other && other.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return "JsonString[value=" + value + "]";
        }
    }

    /**
     * A number, as its JSON text (e.g. {@code 1}, {@code -2.50}, {@code 1e3}). Valid by construction:
     * the text follows the strict JSON number grammar, checked once, over its bytes, by
     * {@link #ofAscii} and the constructor alike. A plain integer of at most 18 digits also keeps its
     * value, read in the same pass, so the time rules need not read the text again.
     */
    final class JsonNumber implements JsonValue {
        /** The most digits of an integer whose value is kept (any 18-digit integer fits a {@code long}). */
        private static final int MAX_KEPT_DIGITS = 18;
        /** {@link #parse}'s answer for text that is not a JSON number (a small integer is under 10^18 either way). */
        private static final long NOT_A_NUMBER = Long.MIN_VALUE;
        /** {@link #parse}'s answer for a number that is valid but not a small integer. */
        private static final long NOT_SMALL = Long.MIN_VALUE + 1;

        private final String text;
        private final boolean smallInteger;
        private final long value;

        /** @throws IllegalArgumentException when {@code text} is not a JSON number */
        public JsonNumber(String text) {
            this(Objects.requireNonNull(text, "text"), grammarOf(text));
        }

        private JsonNumber(String text, long parsed) {
            this.text = text;
            this.smallInteger = parsed != NOT_SMALL;
            this.value = smallInteger ? parsed : 0;
        }

        private static long grammarOf(String text) {
            byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1); // any other character becomes '?', not a number
            return requireNumber(parse(ascii, 0, ascii.length));
        }

        private static long requireNumber(long parsed) {
            if (parsed == NOT_A_NUMBER) {
                throw new IllegalArgumentException("not a JSON number");
            }
            return parsed;
        }

        /**
         * The number ASCII bytes {@code [from, to)} spell.
         *
         * @throws IllegalArgumentException when they are not a JSON number
         */
        public static JsonNumber ofAscii(byte[] ascii, int from, int to) {
            long parsed = requireNumber(parse(ascii, from, to));
            return new JsonNumber(new String(ascii, from, to - from, StandardCharsets.ISO_8859_1), parsed);
        }

        /** Strict JSON number grammar (RFC 8259): {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
        public static boolean isJsonNumber(String text) {
            byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
            return parse(ascii, 0, ascii.length) != NOT_A_NUMBER;
        }

        /**
         * The grammar, one pass: {@link #NOT_A_NUMBER} unless {@code [from, to)} is a JSON number;
         * then the value of a plain integer of at most 18 digits, or {@link #NOT_SMALL}.
         */
        private static long parse(byte[] b, int from, int to) {
            int i = from;
            boolean negative = i < to && b[i] == '-';
            if (negative) {
                i++;
            }
            if (i >= to || !digit(b[i])) {
                return NOT_A_NUMBER;
            }
            int digitsFrom = i;
            long value = 0;
            if (b[i] == '0') {
                i++;
            } else {
                while (i < to && digit(b[i])) {
                    value = value * 10 + (b[i] - '0'); // wraps past 18 digits, when it is not kept
                    i++;
                }
            }
            boolean plain = i == to;
            if (i < to && b[i] == '.') {
                i++;
                int start = i;
                while (i < to && digit(b[i])) {
                    i++;
                }
                if (i == start) {
                    return NOT_A_NUMBER;
                }
            }
            if (i < to && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                if (i < to && (b[i] == '+' || b[i] == '-')) {
                    i++;
                }
                int start = i;
                while (i < to && digit(b[i])) {
                    i++;
                }
                if (i == start) {
                    return NOT_A_NUMBER;
                }
            }
            if (i != to) {
                return NOT_A_NUMBER;
            }
            if (!plain || to - digitsFrom > MAX_KEPT_DIGITS) {
                return NOT_SMALL;
            }
            return negative ? -value : value;
        }

        private static boolean digit(byte c) {
            return c >= '0' && c <= '9';
        }

        public String text() {
            return text;
        }

        /** True when the text is a plain integer: optional minus and digits, no fraction or exponent. */
        public boolean isPlainInteger() {
            if (smallInteger) {
                return true;
            }
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

        /** True for a plain integer of at most 18 digits, whose value {@link #smallIntegerValue} gives ({@code -0} is 0). */
        public boolean isSmallInteger() {
            return smallInteger;
        }

        /** The value of a {@linkplain #isSmallInteger small integer}. */
        public long smallIntegerValue() {
            if (!smallInteger) {
                throw new IllegalStateException("not an integer of at most " + MAX_KEPT_DIGITS + " digits: " + text);
            }
            return value;
        }

        public java.math.BigDecimal toBigDecimal() {
            return new java.math.BigDecimal(text);
        }

        @Override
        public String typeName() {
            return "number";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNumber other && other.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "JsonNumber[text=" + text + "]";
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
        private final ArrayMap<JsonValue> members;

        /** An object holding a copy of {@code members} (names are unique, as map keys are). */
        public JsonObject(Map<String, JsonValue> members) {
            this(copy(members));
        }

        private JsonObject(ArrayMap<JsonValue> members) {
            this.members = members;
        }

        private static ArrayMap<JsonValue> copy(Map<String, JsonValue> members) {
            Objects.requireNonNull(members, "members");
            Builder builder = new Builder();
            for (Map.Entry<String, JsonValue> member : members.entrySet()) {
                builder.add(member.getKey(), member.getValue());
            }
            return builder.map();
        }

        public Map<String, JsonValue> members() {
            return members;
        }

        /** The number of members. */
        public int size() {
            return members.size();
        }

        /** The name of member {@code i}, in document order (for one pass over the members). */
        public String name(int i) {
            return members.key(i);
        }

        /** The value of member {@code i}, in document order. */
        public JsonValue value(int i) {
            return members.value(i);
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

        /**
         * Builds an object member by member, in document order, refusing a name seen before (names
         * compared after any escapes were decoded). For a parser: no copy is made at the end.
         */
        public static final class Builder {
            private final ArrayMap.Builder<JsonValue> members = new ArrayMap.Builder<>(ArrayMap.LINEAR_KEYS);

            /** Adds a member; false (and nothing added) when the object already has that name. */
            public boolean add(String name, JsonValue value) {
                return members.add(name, Objects.requireNonNull(value, "value"));
            }

            /** The object; the builder cannot be used again. */
            public JsonObject build() {
                return new JsonObject(map());
            }

            private ArrayMap<JsonValue> map() {
                return members.build();
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
