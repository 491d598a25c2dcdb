package dev.visitorauth.adapter.token;

import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <p>Duplicate member names are caught while the tree is built, by the one map built per object
 * (the domain's {@link JsonValue.JsonObject.Builder}, which the object then owns, uncopied). Names are compared after
 * escapes are decoded, so a name spelled with a {@code \\u} escape collides with its plain
 * spelling. This is the check Jackson's {@code STRICT_DUPLICATE_DETECTION} makes, left off because
 * it would keep a second set of names per object on the hot path.
 *
 * <p>Recursion is bounded by {@link #MAX_DEPTH} before it happens, and numbers by
 * {@link #MAX_NUMBER_LENGTH}. The one catch-all sits where the untrusted bytes meet Jackson: a
 * {@code RuntimeException} out of the parser itself is a refusal ({@code NOT_STRICT_JSON}, detail
 * {@value #LIBRARY_FAILURE}); errors are not caught.
 *
 * <p>Thread-safe: the one parser factory is immutable and shared.
 */
final class StrictJson {
    /** Spec section 8: nesting depth (the outer object is level 1) and number length of a token's JSON. */
    static final int MAX_DEPTH = JsonSyntaxException.MAX_DEPTH;
    static final int MAX_NUMBER_LENGTH = JsonSyntaxException.MAX_NUMBER_LENGTH;
    /** The detail of a refusal that came from the catch-all around the parser (tests assert it never answers). */
    static final String LIBRARY_FAILURE = "the JSON parser failed unexpectedly";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(TokenStreamFactory.Feature.CHARSET_DETECTION)
            // Names are canonicalised per factory (bounded, collision-safe) and interned, so the rules'
            // look-ups of "exp", "id", ... compare by identity first.
            .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.values())
            .build();

    private StrictJson() {
    }

    /** Parses {@code utf8} as one strict JSON object. */
    static JsonValue.JsonObject parseObject(byte[] utf8) throws JsonSyntaxException {
        boolean ascii = requireUtf8(utf8);
        return StrictJsonReader.readObject(utf8, ascii);
    }

    /** Refuses a byte order mark and bytes that are not UTF-8; true when every byte is ASCII. */
    private static boolean requireUtf8(byte[] bytes) throws JsonSyntaxException {
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.BYTE_ORDER_MARK, "a UTF-8 byte order mark before the JSON");
        }
        if (isAscii(bytes)) {
            return true;
        }
        // Rare: a non-ASCII payload. The JDK's decoder refuses overlong forms, encoded surrogates,
        // code points over U+10FFFF and truncated sequences.
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.INVALID_UTF8, "a byte sequence that is not UTF-8");
        }
        return false;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** True when every byte is below 0x80, read eight at a time (the common case: an ASCII payload). */
    private static boolean isAscii(byte[] bytes) {
        int i = 0;
        long any = 0;
        for (int end = bytes.length - 7; i < end; i += 8) {
            any |= (long) LONGS.get(bytes, i);
        }
        for (; i < bytes.length; i++) {
            any |= bytes[i];
        }
        return (any & 0x8080808080808080L) == 0;
    }

    private static JsonValue.JsonObject readObject(JsonParser parser, int depth) throws JsonSyntaxException {
        String name = parser.nextName();
        if (name == null) {
            requireObjectEnd(parser);
            return EMPTY_OBJECT;
        }
        JsonValue.JsonObject.Builder members = new JsonValue.JsonObject.Builder();
        do {
            if (!members.add(name, readValue(parser, parser.nextToken(), depth))) {
                throw new JsonSyntaxException(JsonSyntaxException.Failure.DUPLICATE_MEMBER,
                        "\"" + truncate(name, 64) + "\" appears twice");
            }
        } while ((name = parser.nextName()) != null);
        requireObjectEnd(parser);
        return members.build();
    }

    private static void requireObjectEnd(JsonParser parser) throws JsonSyntaxException {
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.NOT_STRICT_JSON, "an object that does not end properly");
        }
    }

    private static JsonValue.JsonArray readArray(JsonParser parser, int depth) throws JsonSyntaxException {
        List<JsonValue> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            elements.add(readValue(parser, token, depth));
        }
        return new JsonValue.JsonArray(elements);
    }

    /** A value inside a container at {@code depth}; a nested container is one level deeper. */
    private static JsonValue readValue(JsonParser parser, JsonToken token, int depth) throws JsonSyntaxException {
        if (token == null) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.NOT_STRICT_JSON, "the JSON ends early");
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.NESTED_TOO_DEEP, "deeper than " + MAX_DEPTH + " levels");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_STRING -> new JsonValue.JsonString(parser.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser.getString());
            case VALUE_TRUE -> JsonValue.JsonBoolean.TRUE;
            case VALUE_FALSE -> JsonValue.JsonBoolean.FALSE;
            case VALUE_NULL -> JsonValue.JsonNull.INSTANCE;
            default -> throw new JsonSyntaxException(JsonSyntaxException.Failure.NOT_STRICT_JSON, "an unexpected " + token);
        };
    }

    private static JsonValue.JsonNumber number(String text) throws JsonSyntaxException {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new JsonSyntaxException(JsonSyntaxException.Failure.NUMBER_TOO_LONG, "a number of " + text.length() + " characters");
        }
        return new JsonValue.JsonNumber(text);
    }

    private static final JsonValue.JsonObject EMPTY_OBJECT = new JsonValue.JsonObject(Map.of());

    private static String truncate(String message) {
        return truncate(message, 200);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
