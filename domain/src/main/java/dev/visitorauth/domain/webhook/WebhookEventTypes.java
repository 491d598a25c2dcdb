package dev.visitorauth.domain.webhook;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The event types an endpoint subscribes to: a non-empty set of the workspace kinds of spec section
 * 11 ({@link EventType#reachesWorkspace()}). Widget-session-only kinds ({@code conversation.read},
 * {@code session.ended}) are not webhook events.
 */
public final class WebhookEventTypes {
    private WebhookEventTypes() {
    }

    /** Every type a webhook can carry, in the order of {@link EventType}. */
    public static List<EventType> all() {
        List<EventType> out = new ArrayList<>();
        for (EventType type : EventType.values()) {
            if (type.reachesWorkspace()) {
                out.add(type);
            }
        }
        return out;
    }

    /**
     * The set {@code names} (wire names) makes, or {@code invalid_request} about {@link InputField#EVENTS}: an
     * empty list, or a name that is not a webhook event type. Duplicates count once.
     */
    public static Result<Set<EventType>> parse(List<String> names) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            return invalid("must name at least one event type, e.g. [\"user.created\"].");
        }
        if (names.size() > 100) {
            return invalid("has at most 100 entries.");
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            EventType type = name == null ? null : EventType.byWireName(name).filter(EventType::reachesWorkspace).orElse(null);
            if (type == null) {
                return invalid("holds an unknown event type" + (name == null || name.length() > 64 ? "" : " \""
                        + printable(name) + "\"") + "; the types are " + String.join(", ", wireNames()) + ".");
            }
            types.add(type);
        }
        return Result.ok(types);
    }

    private static List<String> wireNames() {
        List<String> out = new ArrayList<>();
        for (EventType type : all()) {
            out.add(type.wireName());
        }
        return out;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '?');
        }
        return out.toString();
    }

    private static <T> Result<T> invalid(String complaint) {
        return Result.refused(Refusal.invalid(InputField.EVENTS, complaint));
    }
}
