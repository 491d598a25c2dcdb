package dev.visitorauth.domain.event;

import java.util.Optional;

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

    /** The id {@code text} names, when it is a wire form this log could have issued. */
    public static Optional<EventId> parse(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > PREFIX.length() + 19
                || text.length() == PREFIX.length()) {
            return Optional.empty();
        }
        long position = 0;
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || (i == PREFIX.length() && c == '0')) {
                return Optional.empty();
            }
            if (position > (Long.MAX_VALUE - (c - '0')) / 10) {
                return Optional.empty();
            }
            position = position * 10 + (c - '0');
        }
        return Optional.of(new EventId(position));
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
