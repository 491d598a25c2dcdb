package dev.visitorauth.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.visitorauth.domain.token.JsonSyntaxException;
import dev.visitorauth.domain.token.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strict JSON parser of the token's header and payload against Jackson's own strict reading:
 * it never throws anything but its own exception; every object it accepts, Jackson (duplicate
 * detection on, trailing tokens refused, numbers read exactly) accepts too, with the same members
 * in the same order and the same values; and what it refuses for a reason strict JSON shares,
 * Jackson refuses too. The corpus under {@code StrictJsonFuzzTestInputs/} holds
 * the JSON edge cases (duplicates behind escapes, trailing commas, leading zeros, comments, deep
 * nesting, invalid UTF-8, byte order marks, huge exponents).
 */
class StrictJsonFuzzTest {
    private static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    /** For exponents beyond what BigDecimal holds ({@code 1e99999999999}), which Jackson reads only as doubles. */
    private static final JsonMapper JACKSON_DOUBLES = JACKSON.rebuild()
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The same strict reading, bytes always read as UTF-8 (for the other direction). */
    private static final JsonMapper JACKSON_UTF8_ONLY = JsonMapper.builder(
                    JsonFactory.builder().disable(TokenStreamFactory.Feature.CHARSET_DETECTION).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    /** The one call into production code: a rename of the parser is a one-line change here. */
    private static JsonValue.JsonObject underTest(byte[] utf8) throws JsonSyntaxException {
        return StrictJson.parseObject(utf8);
    }

    @FuzzTest
    void acceptsOnlyWhatStrictJacksonAcceptsWithTheSameMembers(byte[] input) {
        JsonValue.JsonObject parsed;
        try {
            parsed = underTest(input);
        } catch (JsonSyntaxException refused) {
            assertThat(refused.failure()).isNotNull();
            assertJacksonRefusesToo(input, refused);
            return;
        }
        JsonNode reference;
        try {
            reference = readTree(input);
        } catch (JacksonException e) {
            fail("StrictJson accepted what strict Jackson refuses (%s): %s", e.getOriginalMessage(),
                    new String(input, StandardCharsets.UTF_8));
            return;
        }
        assertSame(parsed, reference, "$");
    }

    /**
     * The other direction: a refusal for a reason strict JSON shares (not strict, a duplicate,
     * trailing data) must be strict Jackson's too. Refusals for our own limits (depth 64, numbers of
     * 100 characters, UTF-8 only, no byte order mark) are ours alone, so by then the bytes are UTF-8:
     * Jackson reads the same bytes as UTF-8 (its charset detection off, so it cannot read them as
     * UTF-16 or UTF-32), as its byte parser, the one that refuses unpaired surrogate escapes in names.
     */
    private static void assertJacksonRefusesToo(byte[] input, JsonSyntaxException refused) {
        JsonSyntaxException.Failure failure = refused.failure();
        if (failure != JsonSyntaxException.Failure.NOT_STRICT_JSON && failure != JsonSyntaxException.Failure.DUPLICATE_MEMBER
                && failure != JsonSyntaxException.Failure.TRAILING_DATA) {
            return;
        }
        JsonNode reference;
        try {
            try {
                reference = JACKSON_UTF8_ONLY.readTree(input);
            } catch (NumberFormatException beyondBigDecimal) {
                reference = JACKSON_UTF8_ONLY.rebuild().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                        .readTree(input);
            }
        } catch (JacksonException bothRefuse) {
            return;
        }
        if (reference != null && reference.isObject()) {
            fail("StrictJson refused (%s: %s) what strict Jackson accepts: %s", failure, refused.getMessage(),
                    new String(input, StandardCharsets.UTF_8));
        }
    }

    private static JsonNode readTree(byte[] input) {
        try {
            return JACKSON.readTree(input);
        } catch (NumberFormatException beyondBigDecimal) {
            return JACKSON_DOUBLES.readTree(input);
        }
    }

    private static void assertSame(JsonValue ours, JsonNode theirs, String path) {
        if (ours instanceof JsonValue.JsonObject object) {
            assertThat(theirs.isObject()).as("%s is an object", path).isTrue();
            assertThat(object.members()).as("%s member count", path).hasSize(theirs.size());
            Iterator<Map.Entry<String, JsonNode>> expected = theirs.properties().iterator();
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                Map.Entry<String, JsonNode> other = expected.next();
                assertThat(member.getKey()).as("%s member names in order", path).isEqualTo(other.getKey());
                assertSame(member.getValue(), other.getValue(), path + "." + member.getKey());
            }
        } else if (ours instanceof JsonValue.JsonArray array) {
            assertThat(theirs.isArray()).as("%s is an array", path).isTrue();
            assertThat(array.elements()).as("%s length", path).hasSize(theirs.size());
            for (int i = 0; i < array.elements().size(); i++) {
                assertSame(array.elements().get(i), theirs.get(i), path + "[" + i + "]");
            }
        } else if (ours instanceof JsonValue.JsonString string) {
            assertThat(theirs.isString()).as("%s is a string", path).isTrue();
            assertThat(string.value()).as(path).isEqualTo(theirs.stringValue());
        } else if (ours instanceof JsonValue.JsonNumber number) {
            assertThat(theirs.isNumber()).as("%s is a number", path).isTrue();
            if (theirs.isBigDecimal() || theirs.isBigInteger()) {
                assertThat(new BigDecimal(number.text())).as(path).isEqualByComparingTo(theirs.decimalValue());
            } else {
                assertThat(Double.parseDouble(number.text())).as(path).isEqualTo(theirs.doubleValue());
            }
        } else if (ours instanceof JsonValue.JsonBoolean bool) {
            assertThat(theirs.isBoolean()).as("%s is a boolean", path).isTrue();
            assertThat(bool.value()).as(path).isEqualTo(theirs.booleanValue());
        } else {
            assertThat(theirs.isNull()).as("%s is null", path).isTrue();
        }
    }
}
