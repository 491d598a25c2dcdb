package dev.visitorauth.adapter.token;

import dev.visitorauth.domain.token.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Strict JSON (RFC 8259) for the token's header and payload, read with Jackson's streaming parser
 * into the domain's {@link JsonValue} tree: valid UTF-8 only (no byte order mark, no other
 * encoding), one JSON object and nothing after it, unique member names, and none of the
 * extensions lenient parsers accept (comments, trailing commas, leading zeros, single quotes,
 * unquoted names, {@code NaN}, unescaped control characters). Numbers keep their JSON text.
 *
 * <p>Duplicate member names are caught while the tree is built: the map the domain reads (built
 * once per object, by {@link JsonValue.JsonObject}) ends up smaller than the list of members read.
 * Names are compared after escapes are decoded, so a name spelled with a {@code \\u} escape
 * collides with its plain spelling. This is the check Jackson's {@code STRICT_DUPLICATE_DETECTION}
 * makes, left off because it would keep a second set of names per object on the hot path.
 *
 * <p>Thread-safe: the one parser factory is immutable and shared.
 */
final class StrictJson {
    /** Spec section 8: nesting depth (the outer object is level 1) and number length of a token's JSON. */
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(TokenStreamFactory.Feature.CHARSET_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.values())
            .build();

    private StrictJson() {
    }

    /** Why a segment is not a strict JSON object. */
    enum Failure {
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
        String phrase() {
            return phrase;
        }
    }

    /**
     * A segment that is not a strict JSON object. Carries no stack trace: it is an expected
     * outcome on a path an attacker can drive.
     */
    static final class StrictJsonException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        StrictJsonException(Failure failure, String detail) {
            super(detail, null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    /** Parses {@code utf8} as one strict JSON object. */
    static JsonValue.JsonObject parseObject(byte[] utf8) throws StrictJsonException {
        requireUtf8(utf8);
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), utf8, 0, utf8.length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new StrictJsonException(Failure.NOT_AN_OBJECT, "the JSON value is not an object");
            }
            JsonValue.JsonObject object = readObject(parser, 1);
            if (parser.nextToken() != null) {
                throw new StrictJsonException(Failure.TRAILING_DATA, "more JSON after the object");
            }
            return object;
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw new StrictJsonException(Failure.NOT_STRICT_JSON, truncate(message));
        }
    }

    private static void requireUtf8(byte[] bytes) throws StrictJsonException {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw new StrictJsonException(Failure.BYTE_ORDER_MARK, "a UTF-8 byte order mark before the JSON");
        }
        for (byte b : bytes) {
            if (b < 0) {
                // Rare: a non-ASCII payload. The JDK's decoder refuses overlong forms, encoded
                // surrogates, code points over U+10FFFF and truncated sequences.
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes));
                } catch (CharacterCodingException e) {
                    throw new StrictJsonException(Failure.INVALID_UTF8, "a byte sequence that is not UTF-8");
                }
                return;
            }
        }
    }

    private static JsonValue.JsonObject readObject(JsonParser parser, int depth) throws StrictJsonException {
        Members members = new Members();
        String name;
        while ((name = parser.nextName()) != null) {
            members.add(name, readValue(parser, parser.nextToken(), depth));
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new StrictJsonException(Failure.NOT_STRICT_JSON, "an object that does not end properly");
        }
        if (members.size == 0) {
            return EMPTY_OBJECT;
        }
        JsonValue.JsonObject object = new JsonValue.JsonObject(members);
        if (object.members().size() != members.size) {
            throw new StrictJsonException(Failure.DUPLICATE_MEMBER, "\"" + truncate(members.firstDuplicate(), 64) + "\" appears twice");
        }
        return object;
    }

    private static JsonValue.JsonArray readArray(JsonParser parser, int depth) throws StrictJsonException {
        List<JsonValue> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            elements.add(readValue(parser, token, depth));
        }
        return new JsonValue.JsonArray(elements);
    }

    /** A value inside a container at {@code depth}; a nested container is one level deeper. */
    private static JsonValue readValue(JsonParser parser, JsonToken token, int depth) throws StrictJsonException {
        if (token == null) {
            throw new StrictJsonException(Failure.NOT_STRICT_JSON, "the JSON ends early");
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new StrictJsonException(Failure.NESTED_TOO_DEEP, "deeper than " + MAX_DEPTH + " levels");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_STRING -> new JsonValue.JsonString(parser.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser.getString());
            case VALUE_TRUE -> new JsonValue.JsonBoolean(true);
            case VALUE_FALSE -> new JsonValue.JsonBoolean(false);
            case VALUE_NULL -> JsonValue.JsonNull.INSTANCE;
            default -> throw new StrictJsonException(Failure.NOT_STRICT_JSON, "an unexpected " + token);
        };
    }

    private static JsonValue.JsonNumber number(String text) throws StrictJsonException {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new StrictJsonException(Failure.NUMBER_TOO_LONG, "a number of " + text.length() + " characters");
        }
        return new JsonValue.JsonNumber(text);
    }

    private static final JsonValue.JsonObject EMPTY_OBJECT = new JsonValue.JsonObject(Map.of());

    /**
     * An object's members in document order, duplicates included, as a read-only map view for
     * {@link JsonValue.JsonObject}'s own copy: that copy is the one map built per object, and a
     * name seen twice shows as a copy smaller than this list.
     */
    private static final class Members extends AbstractMap<String, JsonValue> {
        private String[] names = new String[8];
        private JsonValue[] values = new JsonValue[8];
        private int size;

        void add(String name, JsonValue value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
        }

        String firstDuplicate() {
            for (int i = 1; i < size; i++) {
                for (int j = 0; j < i; j++) {
                    if (names[i].equals(names[j])) {
                        return names[i];
                    }
                }
            }
            return "";
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Map.Entry<String, JsonValue>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, JsonValue>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, JsonValue> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
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

    private static String truncate(String message) {
        return truncate(message, 200);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
