package dev.visitorauth.adapter.rest.json;

import dev.visitorauth.adapter.rest.error.RefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A request body read as a JSON tree, with typed accessors that check each member's JSON type
 * themselves (a data-bound DTO would let Jackson coerce {@code 123} into {@code "123"}). A member of
 * the wrong type is {@code invalid_request} naming the member. An empty body reads as {@code {}};
 * {@code null} members count as absent. Each endpoint names the members it knows, and any other
 * member is {@code invalid_request} naming it (spec section 14): a typo such as {@code visitorID}
 * must not be silently ignored.
 */
public final class JsonBody {
    private static final JsonBody EMPTY = new JsonBody(null);

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    /**
     * @param body  the parsed body, {@code null} when the request had none
     * @param known the members this endpoint reads; any other is refused
     * @throws RefusedException {@code invalid_request} when the body is not a JSON object or has a
     *                          member not in {@code known}
     */
    public static JsonBody of(JsonNode body, String... known) {
        if (body == null || body.isMissingNode()) {
            return EMPTY;
        }
        if (!body.isObject()) {
            throw RefusedException.invalid("body", "The request body must be a JSON object.");
        }
        Set<String> allowed = Set.of(known);
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw RefusedException.invalid(name, "Unknown member '" + name + "' in the request body. "
                        + (known.length == 0 ? "This request takes no members." : "Known members: "
                        + String.join(", ", known) + " (names are case-sensitive)."));
            }
        }
        return new JsonBody(body);
    }

    /** A string member; absent or {@code null} is empty. */
    public Optional<String> string(String name) {
        return member(name).map(node -> {
            if (!node.isString()) {
                throw wrongType(name, "a string", node);
            }
            return node.stringValue();
        });
    }

    /** A string member where {@code ""} also counts as absent. */
    public Optional<String> nonEmptyString(String name) {
        return string(name).filter(s -> !s.isEmpty());
    }

    /** An integer member (a JSON number with no fraction or exponent that fits a long). */
    public Optional<Long> integer(String name) {
        return member(name).map(node -> {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw wrongType(name, "a whole number", node);
            }
            return node.longValue();
        });
    }

    /** An RFC 3339 date-time string with an offset ({@code 2026-03-01T12:00:00Z}, {@code ...+01:00}). */
    public Optional<Instant> time(String name) {
        return string(name).map(text -> {
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw RefusedException.invalid(name, name + " must be an RFC 3339 date-time with an offset, e.g."
                        + " 2026-03-01T12:00:00Z.");
            }
        });
    }

    public Optional<Boolean> bool(String name) {
        return member(name).map(node -> {
            if (!node.isBoolean()) {
                throw wrongType(name, "true or false", node);
            }
            return node.booleanValue();
        });
    }

    /** An array of strings. */
    public Optional<List<String>> stringList(String name) {
        return member(name).map(node -> {
            if (!node.isArray()) {
                throw wrongType(name, "an array of strings", node);
            }
            List<String> values = new ArrayList<>(node.size());
            for (JsonNode element : node.values()) {
                if (!element.isString()) {
                    throw RefusedException.invalid(name, name + " must be an array of strings; it holds a "
                            + typeName(element) + ".");
                }
                values.add(element.stringValue());
            }
            return List.copyOf(values);
        });
    }

    /** A JSON object member, as its JSON text. */
    public Optional<String> objectText(String name) {
        return member(name).map(node -> {
            if (!node.isObject()) {
                throw wrongType(name, "a JSON object", node);
            }
            return node.toString();
        });
    }

    /** True when the member is present with the value {@code null} (which some settings read as "remove"). */
    public boolean isNull(String name) {
        if (object == null) {
            return false;
        }
        JsonNode node = object.get(name);
        return node != null && node.isNull();
    }

    private Optional<JsonNode> member(String name) {
        if (object == null) {
            return Optional.empty();
        }
        JsonNode node = object.get(name);
        return node == null || node.isNull() || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    private static RefusedException wrongType(String name, String expected, JsonNode found) {
        return RefusedException.invalid(name, name + " must be " + expected + ", not a " + typeName(found) + ".");
    }

    private static String typeName(JsonNode node) {
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.isNull() ? "null" : "value";
    }
}
