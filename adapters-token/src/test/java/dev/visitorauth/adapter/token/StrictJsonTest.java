package dev.visitorauth.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.visitorauth.domain.token.JsonSyntaxException.Failure;
import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonValue;
import dev.visitorauth.domain.token.JwsCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static JsonValue.JsonObject parse(String json) throws JsonSyntaxException {
        return StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Failure failureOf(byte[] json) {
        try {
            StrictJson.parseObject(json);
        } catch (JsonSyntaxException e) {
            return e.failure();
        }
        throw new AssertionError("parsed");
    }

    private static Failure failureOf(String json) {
        return failureOf(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void buildsTheTreeInMemberOrder() throws JsonSyntaxException {
        JsonValue.JsonObject object = parse(
                "{\"s\":\"a\\u00e9\\n\",\"n\":[1,-2.50,1e3,-0,1E+2],\"b\":true,\"f\":false,\"z\":null,\"o\":{\"k\":{}},\"e\":[]}");

        assertThat(object.members().keySet()).containsExactly("s", "n", "b", "f", "z", "o", "e");
        assertThat(object.members()).containsEntry("s", new JsonValue.JsonString("aé\n"));
        assertThat(object.members()).containsEntry("n", new JsonValue.JsonArray(List.of(new JsonValue.JsonNumber("1"),
                new JsonValue.JsonNumber("-2.50"), new JsonValue.JsonNumber("1e3"), new JsonValue.JsonNumber("-0"),
                new JsonValue.JsonNumber("1E+2"))));
        assertThat(object.members()).containsEntry("b", new JsonValue.JsonBoolean(true));
        assertThat(object.members()).containsEntry("f", new JsonValue.JsonBoolean(false));
        assertThat(object.members()).containsEntry("z", JsonValue.JsonNull.INSTANCE);
        assertThat(object.members()).containsEntry("o",
                new JsonValue.JsonObject(Map.of("k", new JsonValue.JsonObject(Map.of()))));
    }

    @Test
    void keepsNumberTextExactly() throws JsonSyntaxException {
        assertThat(parse("{\"v\":3.0}").get("v")).contains(new JsonValue.JsonNumber("3.0"));
        assertThat(parse("{\"v\":12345678901234567890123}").get("v"))
                .contains(new JsonValue.JsonNumber("12345678901234567890123"));
    }

    /** Spec section 8: 64 levels, the outer object being level 1. */
    @Test
    void acceptsSixtyFourLevelsOfNestingAndRefusesSixtyFive() throws JsonSyntaxException {
        assertThat(parse(nested(64)).has("a")).isTrue();
        assertThat(failureOf(nested(65))).isEqualTo(Failure.NESTED_TOO_DEEP);
        assertThat(failureOf("{\"a\":" + "[".repeat(4000) + "]".repeat(4000) + "}")).isEqualTo(Failure.NESTED_TOO_DEEP);
    }

    /**
     * The depth limit answers before recursion goes deeper (no stack overflow to catch): closed or
     * not, arrays or objects, at any depth.
     */
    @ParameterizedTest
    @ValueSource(ints = {65, 1_000, 1_001, 100_000})
    void deepNestingIsAnsweredByTheDepthLimit(int levels) {
        for (String json : List.of(
                "{\"a\":" + "[".repeat(levels) + "]".repeat(levels) + "}",
                "{\"a\":" + "[".repeat(levels),
                "{\"a\":".repeat(levels) + "1" + "}".repeat(levels),
                "{\"a\":".repeat(levels))) {
            JsonSyntaxException refused = catchThrowableOfType(JsonSyntaxException.class,
                    () -> StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8)));

            assertThat(refused).as("%s levels", levels).isNotNull();
            assertThat(refused.failure()).isEqualTo(Failure.NESTED_TOO_DEEP);
        }
    }

    @Test
    void acceptsNumbersOfOneHundredCharactersAndRefusesLonger() throws JsonSyntaxException {
        assertThat(parse("{\"n\":" + "9".repeat(100) + "}").has("n")).isTrue();
        assertThat(failureOf("{\"n\":" + "9".repeat(101) + "}")).isEqualTo(Failure.NUMBER_TOO_LONG);
        assertThat(failureOf("{\"n\":0." + "5".repeat(99) + "}")).isEqualTo(Failure.NUMBER_TOO_LONG);
    }

    /** An object {@code levels} deep: {"a":{"a":...{}}} with alternating arrays inside. */
    private static String nested(int levels) {
        StringBuilder json = new StringBuilder();
        for (int level = 1; level <= levels; level++) {
            json.append(level == 1 ? "{\"a\":" : level % 2 == 0 ? "[" : "{\"a\":");
        }
        json.append("1");
        for (int level = levels; level >= 1; level--) {
            json.append(level % 2 == 0 ? "]" : "}");
        }
        return json.toString();
    }

    /** Every name the rules read comes back as the rules' own instance, so their look-ups compare by identity. */
    @Test
    void handsOutTheRulesOwnInstancesOfTheNamesTheyRead() throws JsonSyntaxException {
        for (String name : JwsCodec.NAMES_READ) {
            for (int round = 0; round < 2; round++) {
                // Near the end of the input (read a byte at a time) and with more input after it (a word at a time).
                JsonValue.JsonObject last = parse("{\"other\":1,\"" + name + "\":2}");
                assertThat(last.name(1)).as(name).isSameAs(name);
                JsonValue.JsonObject first = parse("{\"" + name + "\":2,\"other\":\"more than sixteen bytes\"}");
                assertThat(first.name(0)).as(name).isSameAs(name);
            }
        }
        // A name read before and one never seen both read as themselves.
        assertThat(parse("{\"fresh-name\":1}").name(0)).isEqualTo("fresh-name");
        assertThat(parse("{\"fresh-name\":1}").name(0)).isEqualTo("fresh-name");
    }

    /**
     * The name cache finds a name's end eight bytes at a time when the input has 16 bytes left, a
     * byte at a time otherwise: both must hand out exactly the plain names (1 to 32 bytes of
     * printable ASCII but '"' and '\\', closed by '"') and nothing else. Every byte value at every
     * position of names of 0 to 34 bytes, on both paths, against that definition.
     */
    @Test
    void theNameCacheReadsExactlyThePlainNamesOnBothPaths() {
        StrictJsonReader.NameCache cache = new StrictJsonReader.NameCache(JwsCodec.NAMES_READ);
        int checked = 0;
        for (int length = 0; length <= 34; length++) {
            for (int position = 0; position <= Math.min(length, 17); position++) {
                for (int b = 0; b < 256; b++) {
                    byte[] name = new byte[length + 1];
                    for (int k = 0; k < length; k++) {
                        name[k] = (byte) ('a' + k % 26);
                    }
                    name[length] = '"';
                    name[position] = (byte) b;
                    String expected = plainNameByDefinition(name);
                    byte[] tight = new byte[1 + name.length];
                    System.arraycopy(name, 0, tight, 1, name.length);
                    byte[] roomy = java.util.Arrays.copyOf(tight, tight.length + 24);
                    assertThat(cache.plainName(tight, 1, tight.length)).as("length %d, byte %d at %d, tight", length, b, position)
                            .isEqualTo(expected);
                    assertThat(cache.plainName(roomy, 1, roomy.length)).as("length %d, byte %d at %d, roomy", length, b, position)
                            .isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    /**
     * Strings are scanned eight bytes at a time up to their first quote, escape or control
     * character: at every offset, such a byte must stop the scan (an escape is decoded, a raw
     * control character refused, non-ASCII kept), with the string near the end of the input and
     * with more input after it.
     */
    @Test
    void readsEveryStringTheSameWhereverItsSpecialCharacterFalls() throws JsonSyntaxException {
        String[][] specials = { // JSON text, its value (null: refused)
                {"\\n", "\n"}, {"\\\"", "\""}, {"\\u00e9", "\u00e9"}, {"\u00e9", "\u00e9"}, {"\u20ac", "\u20ac"},
                {"\u007f", "\u007f"}, {"\u001f", null}, {"\t", null}};
        for (int length = 0; length <= 24; length++) {
            for (int position = 0; position <= length; position++) {
                for (String[] special : specials) {
                    String before = "abcdefghijklmnopqrstuvwxyz".substring(0, position);
                    String after = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".substring(position, length);
                    for (String tail : List.of("", ",\"pad\":\"more than sixteen bytes of padding\"")) {
                        String json = "{\"k\":\"" + before + special[0] + after + "\"" + tail + "}";
                        if (special[1] == null) {
                            assertThat(failureOf(json)).as(json).isEqualTo(Failure.NOT_STRICT_JSON);
                        } else {
                            assertThat(parse(json).get("k")).as(json)
                                    .contains(new JsonValue.JsonString(before + special[1] + after));
                        }
                    }
                }
            }
        }
    }

    /** The plain name at the start of {@code bytes}, by the definition, or null. */
    private static String plainNameByDefinition(byte[] bytes) {
        for (int i = 0; i < bytes.length && i <= 32; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '"') {
                return i == 0 ? null : new String(bytes, 0, i, StandardCharsets.US_ASCII);
            }
            if (b < 0x20 || b >= 0x7F || b == '\\') {
                return null;
            }
        }
        return null;
    }

    @Test
    void acceptsSurroundingWhitespace() throws JsonSyntaxException {
        assertThat(parse(" \t\r\n{ \"a\" : 1 } \n").has("a")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":1}", "{\"a\":1,\"\\u0061\":2}", "{\"o\":{\"x\":1,\"x\":2}}"})
    void refusesDuplicateMembers(String json) {
        assertThat(failureOf(json)).isEqualTo(Failure.DUPLICATE_MEMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":1 // c\n}", "{\"a\":1 /* c */}",
            "{\"a\":1 # c\n}", "{\"a\":NaN}", "{\"a\":Infinity}", "{'a':1}", "{a:1}", "{\"a\":.5}", "{\"a\":5.}",
            "{\"a\":+5}", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":[1,,2]}", "{\"a\":1", "{\"a\"}", "{", "",
            "{\"a\":tru}", "{\"a\":1}\u0000"})
    void refusesWhatIsNotStrictJson(String json) {
        assertThat(failureOf(json)).isIn(Failure.NOT_STRICT_JSON, Failure.NOT_AN_OBJECT, Failure.TRAILING_DATA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"a\"", "1", "null", "true"})
    void refusesAnythingButAnObject(String json) {
        assertThat(failureOf(json)).isEqualTo(Failure.NOT_AN_OBJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}[]", "{} 1"})
    void refusesDataAfterTheObject(String json) {
        assertThat(failureOf(json)).isEqualTo(Failure.TRAILING_DATA);
    }

    @Test
    void refusesTrailingGarbageThatIsNotJson() {
        assertThat(failureOf("{}x")).isIn(Failure.NOT_STRICT_JSON, Failure.TRAILING_DATA);
    }

    /** A bad continuation, overlong forms, an encoded surrogate, beyond U+10FFFF, a byte never used, a cut sequence. */
    static Stream<byte[]> invalidUtf8() {
        return Stream.of(
                new byte[] {(byte) 0xC3, (byte) 0x28},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xE2, (byte) 0x82});
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void refusesInvalidUtf8InAValue(byte[] bad) {
        byte[] json = new byte[bad.length + 8];
        System.arraycopy("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), 0, json, 0, 6);
        System.arraycopy(bad, 0, json, 6, bad.length);
        json[bad.length + 6] = '"';
        json[bad.length + 7] = '}';

        assertThat(failureOf(json)).isEqualTo(Failure.INVALID_UTF8);
    }

    @Test
    void refusesInvalidUtf8InAName() {
        assertThat(failureOf(new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'}))
                .isEqualTo(Failure.INVALID_UTF8);
    }

    /** As jackson-core reads bytes: a name must be well-formed UTF-16 once decoded; a value need not be. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"\\ud828\":1}", "{\"\\udc00\":1}", "{\"x\\ud800y\":1}", "{\"\\ud828\\ud828\":1}",
            "{\"\\udc00\\ud800\":1}", "{\"o\":{\"\\ud800\\u0041\":1}}"})
    void refusesAnUnpairedSurrogateEscapeInAName(String json) {
        assertThat(failureOf(json)).isEqualTo(Failure.NOT_STRICT_JSON);
    }

    @Test
    void keepsPairedSurrogateEscapesInNamesAndUnpairedOnesInValues() throws JsonSyntaxException {
        assertThat(parse("{\"\\ud83d\\ude00\":1}").has("\ud83d\ude00")).isTrue();
        assertThat(parse("{\"a\":\"\\ud828\"}").get("a")).contains(new JsonValue.JsonString("\ud828"));
    }

    @Test
    void refusesAByteOrderMark() {
        assertThat(failureOf(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'})).isEqualTo(Failure.BYTE_ORDER_MARK);
    }

    @Test
    void refusesOtherEncodings() {
        assertThat(failureOf("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE))).isEqualTo(Failure.NOT_STRICT_JSON);
        assertThat(failureOf("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE))).isEqualTo(Failure.NOT_STRICT_JSON);
    }

    @Test
    void carriesNoStackTrace() {
        assertThatThrownBy(() -> parse("{,}")).isInstanceOfSatisfying(JsonSyntaxException.class,
                e -> assertThat(e.getStackTrace()).isEmpty());
    }
}
