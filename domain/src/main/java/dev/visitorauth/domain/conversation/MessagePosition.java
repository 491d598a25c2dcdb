package dev.visitorauth.domain.conversation;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where a message stands in its conversation's order: by time, then by the order the store took
 * it in ({@code sequence}, increasing with every message it stores). The same order the message
 * lists use, so "older" means the same thing for a read marker as on screen.
 */
public record MessagePosition(Instant at, long sequence) implements Comparable<MessagePosition> {
    private static final Comparator<MessagePosition> ORDER =
            Comparator.comparing(MessagePosition::at).thenComparingLong(MessagePosition::sequence);

    public MessagePosition {
        Objects.requireNonNull(at, "at");
    }

    @Override
    public int compareTo(MessagePosition other) {
        return ORDER.compare(this, other);
    }

    public boolean isAfter(MessagePosition other) {
        return compareTo(other) > 0;
    }
}
