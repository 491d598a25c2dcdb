package dev.visitorauth.domain.token;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link JsonValue} trees for tests, since the domain has no JSON parser. Java values map to
 * JSON as you would expect: {@code String} to a string, {@code Integer}/{@code Long}/{@code BigDecimal}
 * to a number, {@code Boolean} to a boolean, {@code null} to JSON null, {@code List} to an array,
 * {@code Map} to an object; a {@link JsonValue} is used as it is (use {@link #num(String)} for exact
 * number text such as {@code 3.0} or {@code 1e3}).
 */
final class Json {
    private Json() {
    }

    static JsonValue.JsonString str(String value) {
        return new JsonValue.JsonString(value);
    }

    static JsonValue.JsonNumber num(String text) {
        return new JsonValue.JsonNumber(text);
    }

    static JsonValue.JsonNumber num(long value) {
        return new JsonValue.JsonNumber(Long.toString(value));
    }

    static JsonValue.JsonNull nul() {
        return JsonValue.JsonNull.INSTANCE;
    }

    static JsonValue.JsonArray arr(Object... elements) {
        List<JsonValue> values = new ArrayList<>();
        for (Object element : elements) {
            values.add(of(element));
        }
        return new JsonValue.JsonArray(values);
    }

    /** An object from alternating names and values: {@code obj("a", 1, "b", "x")}. */
    static JsonValue.JsonObject obj(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], of(namesAndValues[i + 1]));
        }
        return new JsonValue.JsonObject(members);
    }

    static JsonValue of(Object value) {
        if (value == null) {
            return nul();
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String s) {
            return str(s);
        }
        if (value instanceof Integer || value instanceof Long) {
            return num(value.toString());
        }
        if (value instanceof BigDecimal d) {
            return num(d.toPlainString());
        }
        if (value instanceof Boolean b) {
            return new JsonValue.JsonBoolean(b);
        }
        if (value instanceof List<?> list) {
            return arr(list.toArray());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            map.forEach((k, v) -> members.put((String) k, of(v)));
            return new JsonValue.JsonObject(members);
        }
        throw new IllegalArgumentException("no JSON for " + value.getClass());
    }
}
