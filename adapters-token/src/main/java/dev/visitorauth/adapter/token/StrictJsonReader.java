package dev.visitorauth.adapter.token;

import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonSyntaxException.Failure;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.token.JwsCodec;
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
                return new JsonValue.JsonString(string());
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
        String text = new String(bytes, start, at - start, StandardCharsets.ISO_8859_1);
        JsonValue.JsonNumber number;
        try {
            number = new JsonValue.JsonNumber(text); // the one check of the grammar
        } catch (IllegalArgumentException notANumber) {
            throw notStrict("a malformed number (no leading zeros, '+', or bare '.')");
        }
        if (text.length() > JsonSyntaxException.MAX_NUMBER_LENGTH) {
            throw new JsonSyntaxException(Failure.NUMBER_TOO_LONG, "a number of " + text.length() + " characters");
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

    /** The string whose opening quote is at {@code at}, escapes decoded; sets {@link #escaped}. */
    private String string() throws JsonSyntaxException {
        escaped = false;
        int start = ++at;
        while (at < end) {
            byte b = bytes[at];
            if (PLAIN[b & 0xFF]) {
                at++;
                continue;
            }
            if (b == '"') {
                String plain = new String(bytes, start, at - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                at++;
                return plain;
            }
            if (b == '\\') {
                return escapedString(start);
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
     * at most 32 ASCII characters, plain ones only: no escape, no control character); a collision
     * with another name replaces that entry, so no input can make it grow or slow down. Entries are
     * immutable, published through a plain array: a racing reader sees a whole entry or a miss.
     * Only a cache: any name reads the same with or without it.
     */
    static final class NameCache {
        private static final int SLOTS = 256;
        private static final int MAX_NAME = 32;

        private record Entry(byte[] bytes, String name, boolean pinned) {
        }

        private final Entry[] entries = new Entry[SLOTS];

        NameCache(java.util.List<String> pinned) {
            for (String name : pinned) {
                byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
                int slot = slot(bytes, 0, bytes.length);
                if (entries[slot] == null) {
                    name.hashCode();
                    entries[slot] = new Entry(bytes, name, true);
                }
            }
        }

        /**
         * The slot of a name of at least one byte: Fibonacci hashing (the top 8 bits of the product)
         * of its length and its first, middle and last bytes, so finding the slot costs the same
         * for any length; the names the rules read land in distinct slots.
         */
        private static int slot(byte[] bytes, int from, int length) {
            int key = length << 24 ^ bytes[from] << 8 ^ bytes[from + length / 2] << 16 ^ bytes[from + length - 1];
            return (key * 0x9E3779B9) >>> 24;
        }

        /**
         * The plain ASCII name whose first character is at {@code from} (after the opening quote),
         * from the cache or now entered into it; null when the name is not plain, empty, too long or
         * not closed (the caller then reads it the general way).
         */
        String plainName(byte[] bytes, int from, int end) {
            int i = from;
            int limit = Math.min(end, from + MAX_NAME + 1);
            while (i < limit && NAME_BYTES[bytes[i] & 0xFF]) {
                i++;
            }
            if (i == limit || bytes[i] != '"' || i == from) {
                return null;
            }
            int length = i - from;
            int slot = slot(bytes, from, length);
            Entry entry = entries[slot];
            if (entry != null && sameBytes(entry.bytes, bytes, from, length)) {
                return entry.name;
            }
            String name = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
            name.hashCode(); // cached in the instance, for the rules' look-ups
            if (entry == null || !entry.pinned) {
                entries[slot] = new Entry(java.util.Arrays.copyOfRange(bytes, from, i), name, false);
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

        /** A plain loop: names are a few bytes, shorter than a range check and a vectorised mismatch. */
        private static boolean sameBytes(byte[] cached, byte[] bytes, int from, int length) {
            if (cached.length != length) {
                return false;
            }
            for (int k = 0; k < length; k++) {
                if (cached[k] != bytes[from + k]) {
                    return false;
                }
            }
            return true;
        }
    }
}
