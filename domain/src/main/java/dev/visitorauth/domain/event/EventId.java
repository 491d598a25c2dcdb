package dev.visitorauth.domain.event;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;

/**
 * An event's id: its position in the event log, increasing in the order the log hands events out.
 * On the wire it is {@code evt_<position>} (SSE {@code id:}, {@code Last-Event-ID}, {@code webhook-id}).
 */
public record EventId(long position) implements Comparable<EventId> {
    private static final String PREFIX = "evt_";

    public EventId {
        if (position < 1) {
            throw new IllegalArgumentException("an event position is at least 1");
        }
    }

    /** The wire form, {@code evt_<position>}. */
    public String wire() {
        return PREFIX + position;
    }

    /**
     * The id {@code text} names, when it is a wire form this log could have issued; anything else is
     * {@code invalid_request} about {@link InputField#AFTER_EVENT}, the one input an event id is read from
     * (a stream's resume point).
     */
    public static Result<EventId> parse(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > PREFIX.length() + 19
                || text.length() == PREFIX.length()) {
            return malformed();
        }
        long position = 0;
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || (i == PREFIX.length() && c == '0')) {
                return malformed();
            }
            if (position > (Long.MAX_VALUE - (c - '0')) / 10) {
                return malformed();
            }
            position = position * 10 + (c - '0');
        }
        return Result.ok(new EventId(position));
    }

    private static Result<EventId> malformed() {
        return Result.refused(Refusal.invalid(InputField.AFTER_EVENT, "must be an event id this service sent (evt_<n>)."));
    }

    @Override
    public int compareTo(EventId other) {
        return Long.compare(position, other.position);
    }

    @Override
    public String toString() {
        return wire();
    }
}
