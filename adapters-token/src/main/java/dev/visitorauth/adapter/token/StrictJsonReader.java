package dev.visitorauth.adapter.token;

import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonSyntaxException.Failure;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.token.JwsCodec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One strict JSON object (RFC 8259, nothing more) read from bytes straight into the domain's
 * {@link JsonValue} tree, in one pass with no parser set-up: the token's payload on the hot path.
 * The bytes are valid UTF-8 already ({@link StrictJson} checks that first). Refused: anything but
 * one object, trailing data, duplicate names (after escapes are decoded), comments, trailing commas,
 * leading zeros, single quotes, unquoted names, {@code NaN}, unescaped control characters, escapes
 * other than JSON's eight and {@code \\u} with four hexadecimal digits, whitespace other than space, tab, line feed and
 * carriage return. Nesting is bounded by {@link JsonSyntaxException#MAX_DEPTH} before it recurses,
 * numbers by {@link JsonSyntaxException#MAX_NUMBER_LENGTH}; numbers keep their JSON text.
 *
 * <p>Checked against jackson-core's strict reading, member by member, by {@code StrictJsonFuzzTest}
 * (both directions), and by the strict JSON tests of the codec.
 */
final class StrictJsonReader {
    private static final JsonValue.JsonObject EMPTY = new JsonValue.JsonObject.Builder().build();
    /** Reads eight bytes as a little-endian long, for the word-at-a-time scans of strings and names. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] bytes;
    private final int end;
    private final boolean ascii;
    private int at;
    /** Whether the last string read held an escape. */
    private boolean escaped;

    private StrictJsonReader(byte[] bytes, boolean ascii) {
        this.bytes = bytes;
        this.end = bytes.length;
        this.ascii = ascii;
    }

    /** The object {@code utf8} holds; {@code ascii} when every byte is below 0x80 (strings are then copied as Latin-1). */
    static JsonValue.JsonObject readObject(byte[] utf8, boolean ascii) throws JsonSyntaxException {
        StrictJsonReader reader = new StrictJsonReader(utf8, ascii);
        reader.skipWhitespace();
        if (reader.at == reader.end) {
            throw new JsonSyntaxException(Failure.NOT_AN_OBJECT, "no JSON value");
        }
        if (reader.bytes[reader.at] != '{') {
            throw reader.startsAValue() ? new JsonSyntaxException(Failure.NOT_AN_OBJECT, "the JSON value is not an object")
                    : reader.notStrict("an unexpected character");
        }
        JsonValue.JsonObject object = reader.object(1);
        reader.skipWhitespace();
        if (reader.at < reader.end) {
            throw reader.startsAValue() ? new JsonSyntaxException(Failure.TRAILING_DATA, "more JSON after the object")
                    : reader.notStrict("an unexpected character after the object");
        }
        return object;
    }

    /** An object whose '{' is at {@code at}; {@code depth} counts it (the outer object is 1). */
    private JsonValue.JsonObject object(int depth) throws JsonSyntaxException {
        at++;
        skipWhitespace();
        if (at < end && bytes[at] == '}') {
            at++;
            return EMPTY;
        }
        JsonValue.JsonObject.Builder members = new JsonValue.JsonObject.Builder();
        while (true) {
            if (at >= end || bytes[at] != '"') {
                throw notStrict("a member name must be a string");
            }
            String name = memberName();
            skipWhitespace();
            if (at >= end || bytes[at] != ':') {
                throw notStrict("a ':' must follow a member name");
            }
            at++;
            skipWhitespace();
            if (!members.add(name, value(depth))) {
                throw new JsonSyntaxException(Failure.DUPLICATE_MEMBER, "\"" + shortened(name) + "\" appears twice");
            }
            skipWhitespace();
            if (at < end && bytes[at] == ',') {
                at++;
                skipWhitespace();
            } else if (at < end && bytes[at] == '}') {
                at++;
                return members.build();
            } else {
                throw notStrict("an object that does not end properly");
            }
        }
    }

    private JsonValue.JsonArray array(int depth) throws JsonSyntaxException {
        at++;
        skipWhitespace();
        java.util.List<JsonValue> elements = new java.util.ArrayList<>();
        if (at < end && bytes[at] == ']') {
            at++;
            return new JsonValue.JsonArray(elements);
        }
        while (true) {
            elements.add(value(depth));
            skipWhitespace();
            if (at < end && bytes[at] == ',') {
                at++;
                skipWhitespace();
            } else if (at < end && bytes[at] == ']') {
                at++;
                return new JsonValue.JsonArray(elements);
            } else {
                throw notStrict("an array that does not end properly");
            }
        }
    }

    /** A value inside a container at {@code depth}; a nested container is one level deeper. */
    private JsonValue value(int depth) throws JsonSyntaxException {
        if (at >= end) {
            throw notStrict("the JSON ends early");
        }
        byte b = bytes[at];
        switch (b) {
            case '{', '[' -> {
                if (depth >= JsonSyntaxException.MAX_DEPTH) {
                    throw new JsonSyntaxException(Failure.NESTED_TOO_DEEP, "deeper than " + JsonSyntaxException.MAX_DEPTH + " levels");
                }
                return b == '{' ? object(depth + 1) : array(depth + 1);
            }
            case '"' -> {
                int start = at + 1;
                int close = plainString();
                return close >= 0 ? JsonValue.JsonString.ofUtf8(bytes, start, close)
                        : new JsonValue.JsonString(escapedString(start));
            }
            case 't' -> {
                literal("true");
                return JsonValue.JsonBoolean.TRUE;
            }
            case 'f' -> {
                literal("false");
                return JsonValue.JsonBoolean.FALSE;
            }
            case 'n' -> {
                literal("null");
                return JsonValue.JsonNull.INSTANCE;
            }
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw notStrict("an unexpected character");
            }
        }
    }

    private void literal(String word) throws JsonSyntaxException {
        int length = word.length();
        if (end - at < length) {
            throw notStrict("an unknown word");
        }
        for (int k = 0; k < length; k++) {
            if (bytes[at + k] != word.charAt(k)) {
                throw notStrict("an unknown word");
            }
        }
        at += length;
        if (at < end && isWordCharacter(bytes[at])) {
            throw notStrict("an unknown word");
        }
    }

    private JsonValue.JsonNumber number() throws JsonSyntaxException {
        int start = at;
        while (at < end && isNumberCharacter(bytes[at])) {
            at++;
        }
        if (at < end && isWordCharacter(bytes[at])) {
            throw notStrict("a malformed number");
        }
        JsonValue.JsonNumber number;
        try {
            number = JsonValue.JsonNumber.ofAscii(bytes, start, at); // the one check of the grammar
        } catch (IllegalArgumentException notANumber) {
            throw notStrict("a malformed number (no leading zeros, '+', or bare '.')");
        }
        if (at - start > JsonSyntaxException.MAX_NUMBER_LENGTH) {
            throw new JsonSyntaxException(Failure.NUMBER_TOO_LONG, "a number of " + (at - start) + " characters");
        }
        return number;
    }

    /**
     * A member name: a string, and one that is well-formed UTF-16 once its escapes are decoded. An
     * unpaired surrogate escape ({@code "\ud828"}) is refused in a name, as Jackson refuses it; in a
     * value it is kept, as Jackson keeps it. Raw UTF-8 cannot hold a surrogate (the decoder refuses
     * one), so only a name with escapes is checked.
     */
    private String memberName() throws JsonSyntaxException {
        int start = at;
        String name = NAMES.plainName(bytes, start + 1, end);
        if (name != null) {
            at = start + 2 + name.length();
            return name;
        }
        name = string();
        if (escaped && !isWellFormedUtf16(name)) {
            at = start;
            throw notStrict("an unpaired surrogate escape in a member name");
        }
        return name;
    }

    private static boolean isWellFormedUtf16(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The high bit of each zero byte of {@code word}. Exact for the lowest one: a borrow can flag
     * only bytes above a flagged byte, and every scan here uses the lowest flag only.
     */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }

    /** The high bit of each byte of {@code word} that ends a string's plain run: '"', '\\' or below 0x20 (exact for the lowest). */
    private static long stringStops(long word) {
        return zeroBytes(word ^ ONES * '"') | zeroBytes(word ^ ONES * '\\') | ((word - ONES * 0x20) & ~word & HIGHS);
    }

    /** The string whose opening quote is at {@code at}, escapes decoded; sets {@link #escaped}. */
    private String string() throws JsonSyntaxException {
        int start = at + 1;
        int close = plainString();
        return close >= 0 ? new String(bytes, start, close - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)
                : escapedString(start);
    }

    /**
     * Reads the string whose opening quote is at {@code at} up to its closing quote, if it holds no
     * escape: returns that quote's index, {@code at} then past it. Returns -1 at the first escape,
     * {@code at} then on its backslash (for {@link #escapedString}). Clears {@link #escaped}.
     */
    private int plainString() throws JsonSyntaxException {
        escaped = false;
        at++;
        // Eight bytes at a time up to the first byte that is not plain; the loop below takes it from there.
        for (int last = end - 8; at <= last; at += 8) {
            long stops = stringStops((long) LONGS.get(bytes, at));
            if (stops != 0) {
                at += Long.numberOfTrailingZeros(stops) >>> 3; // exact for the lowest flagged byte
                break;
            }
        }
        while (at < end) {
            byte b = bytes[at];
            if (PLAIN[b & 0xFF]) {
                at++;
                continue;
            }
            if (b == '"') {
                return at++;
            }
            if (b == '\\') {
                return -1;
            }
            if (b >= 0 && b < 0x20) {
                throw notStrict("a control character inside a string must be escaped");
            }
            at++;
        }
        throw notStrict("a string that does not end");
    }

    private String escapedString(int start) throws JsonSyntaxException {
        escaped = true;
        StringBuilder text = new StringBuilder(at - start + 16);
        text.append(new String(bytes, start, at - start, StandardCharsets.UTF_8));
        int run = at;
        while (at < end) {
            byte b = bytes[at];
            if (b == '"') {
                text.append(new String(bytes, run, at - run, StandardCharsets.UTF_8));
                at++;
                return text.toString();
            }
            if (b >= 0 && b < 0x20) {
                throw notStrict("a control character inside a string must be escaped");
            }
            if (b != '\\') {
                at++;
                continue;
            }
            text.append(new String(bytes, run, at - run, StandardCharsets.UTF_8));
            if (at + 1 >= end) {
                throw notStrict("a string that does not end");
            }
            byte kind = bytes[at + 1];
            at += 2;
            switch (kind) {
                case '"' -> text.append('"');
                case '\\' -> text.append('\\');
                case '/' -> text.append('/');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (end - at < 4) {
                        throw notStrict("a \\u escape needs four hexadecimal digits");
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(bytes[at + k], 16);
                        if (digit < 0) {
                            throw notStrict("a \\u escape needs four hexadecimal digits");
                        }
                        code = code << 4 | digit;
                    }
                    at += 4;
                    text.append((char) code);
                }
                default -> throw notStrict("an unknown escape");
            }
            run = at;
        }
        throw notStrict("a string that does not end");
    }

    private void skipWhitespace() {
        if (at < end && bytes[at] > ' ') {
            return; // the common case: no whitespace (JSON's four are all at or below ' ')
        }
        while (at < end) {
            byte b = bytes[at];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            at++;
        }
    }

    /** True when the byte at {@code at} could start a JSON value (so what follows is "more JSON"). */
    private boolean startsAValue() {
        byte b = bytes[at];
        return b == '{' || b == '[' || b == '"' || b == '-' || (b >= '0' && b <= '9') || b == 't' || b == 'f' || b == 'n';
    }

    private static boolean isNumberCharacter(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private static boolean isWordCharacter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b < 0;
    }

    private JsonSyntaxException notStrict(String detail) {
        return new JsonSyntaxException(Failure.NOT_STRICT_JSON, detail + " at byte " + at);
    }

    private static String shortened(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
    /** Bytes that go into a string as they are: all but '"', '\\' and the control characters. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 256; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private static final NameCache NAMES = new NameCache(JwsCodec.NAMES_READ);

    /**
     * Member names seen before, as the same {@code String} instances: a token's payload repeats the
     * same dozen names, so reading them allocates nothing. The names the rules read
     * ({@link JwsCodec#NAMES_READ}) are entered first, as the rules' own instances, and never
     * replaced, so the rules' look-ups compare by identity. Direct-mapped and bounded (256 names of
     * at most 32 ASCII characters, plain ones only: no escape, no control character, no DEL); a
     * collision with another name replaces that entry, so no input can make it grow or slow down.
     * Entries are immutable, published through a plain array: a racing reader sees a whole entry or
     * a miss. Only a cache: any name reads the same with or without it.
     *
     * <p>A name is keyed by its length and its first 16 bytes as two little-endian longs (zero past
     * the name). Names of up to 15 bytes, every name a token's rules read, are found eight bytes at
     * a time: the closing quote, and any byte that makes the name not plain, are located with
     * word-at-a-time arithmetic, and the entry is compared as two longs. Longer names, and names too
     * close to the end of the input to read a whole word, take the byte-by-byte path, which keys
     * them the same way.
     */
    static final class NameCache {
        private static final int SLOTS = 256;
        private static final int MAX_NAME = 32;
        /** The longest name the word-at-a-time path reads: two words, the closing quote in the second. */
        private static final int MAX_WORD_NAME = 15;

        /** {@code bytes} are the whole name; {@code low} and {@code high} its first 16 bytes as the key. */
        private record Entry(long low, long high, int length, byte[] bytes, String name, boolean pinned) {
        }

        private final Entry[] entries = new Entry[SLOTS];

        NameCache(java.util.List<String> pinned) {
            for (String name : pinned) {
                byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
                long low = word(bytes, 0, Math.min(bytes.length, 8));
                long high = bytes.length > 8 ? word(bytes, 8, Math.min(bytes.length, 16)) : 0;
                int slot = slot(low, high, bytes.length);
                if (entries[slot] == null) {
                    name.hashCode();
                    entries[slot] = new Entry(low, high, bytes.length, bytes, name, true);
                }
            }
        }

        /**
         * The slot of a name: Fibonacci hashing (the top 8 bits of the product) of its first 16
         * bytes and its length; the names the rules read land in distinct slots
         * ({@code StrictJsonTest} checks it).
         */
        private static int slot(long low, long high, int length) {
            return (int) (((low ^ Long.rotateLeft(high, 29) ^ length) * 0x9E3779B97F4A7C15L) >>> 56);
        }

        /** Bytes {@code [from, to)} (at most 8) as a little-endian long, zero above them. */
        private static long word(byte[] bytes, int from, int to) {
            long word = 0;
            for (int k = to - 1; k >= from; k--) {
                word = word << 8 | (bytes[k] & 0xFF);
            }
            return word;
        }

        /**
         * The high bit of each byte of {@code word} that a plain name cannot hold ({@code '"'},
         * {@code '\\'}, below 0x20, 0x7F and above), exact for the lowest such byte (bytes above it
         * may be flagged wrongly by a borrow; only the lowest is used).
         */
        private static long stops(long word) {
            return stringStops(word) | zeroBytes(word ^ ONES * 0x7F) | (word & HIGHS);
        }

        /**
         * The plain ASCII name whose first character is at {@code from} (after the opening quote),
         * from the cache or now entered into it; null when the name is not plain, empty, too long or
         * not closed (the caller then reads it the general way).
         */
        String plainName(byte[] bytes, int from, int end) {
            if (end - from >= 16) {
                long low = (long) LONGS.get(bytes, from);
                long stop = stops(low);
                long high = 0;
                int length;
                if (stop != 0) {
                    length = Long.numberOfTrailingZeros(stop) >>> 3;
                    low &= (1L << (length << 3)) - 1; // length < 8
                } else {
                    high = (long) LONGS.get(bytes, from + 8);
                    stop = stops(high);
                    if (stop == 0) {
                        return bytewise(bytes, from, end); // 16 bytes or more, or not plain
                    }
                    int inHigh = Long.numberOfTrailingZeros(stop) >>> 3;
                    high &= (1L << (inHigh << 3)) - 1; // inHigh < 8
                    length = 8 + inHigh;
                }
                if (length == 0 || bytes[from + length] != '"') {
                    return null; // empty, or an escape, a control character or a non-ASCII byte: not plain
                }
                int slot = slot(low, high, length);
                Entry entry = entries[slot];
                if (entry != null && entry.low == low && entry.high == high && entry.length == length) {
                    return entry.name;
                }
                return enter(bytes, from, length, low, high, slot, entry);
            }
            return bytewise(bytes, from, end);
        }

        /** {@link #plainName} a byte at a time: long names and names near the end of the input. */
        private String bytewise(byte[] bytes, int from, int end) {
            int i = from;
            int limit = Math.min(end, from + MAX_NAME + 1);
            while (i < limit && NAME_BYTES[bytes[i] & 0xFF]) {
                i++;
            }
            if (i == limit || bytes[i] != '"' || i == from) {
                return null;
            }
            int length = i - from;
            long low = word(bytes, from, from + Math.min(length, 8));
            long high = length > 8 ? word(bytes, from + 8, from + Math.min(length, 16)) : 0;
            int slot = slot(low, high, length);
            Entry entry = entries[slot];
            if (entry != null && entry.length == length && java.util.Arrays.equals(entry.bytes, 0, length, bytes, from, i)) {
                return entry.name;
            }
            return enter(bytes, from, length, low, high, slot, entry);
        }

        /** A name not in the cache: made, and entered unless its slot holds a pinned name. */
        private String enter(byte[] bytes, int from, int length, long low, long high, int slot, Entry entry) {
            String name = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
            name.hashCode(); // cached in the instance, for the rules' look-ups
            if (entry == null || !entry.pinned) {
                entries[slot] = new Entry(low, high, length, java.util.Arrays.copyOfRange(bytes, from, from + length), name, false);
            }
            return name;
        }

        /** Bytes of a plain name: printable ASCII but '"' and '\\' (no escape, no control character). */
        private static final boolean[] NAME_BYTES = new boolean[256];

        static {
            for (int b = 0x20; b < 0x7F; b++) {
                NAME_BYTES[b] = b != '"' && b != '\\';
            }
        }
    }
}
