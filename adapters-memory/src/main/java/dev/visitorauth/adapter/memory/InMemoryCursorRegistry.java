package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.RandomPort;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-process default cursor codec, for the in-memory store: a cursor is 128 random bits that
 * name a position this process issued for one scope, kept in a bounded table (the
 * {@value #CAPACITY} most recent; an older cursor no longer opens). It needs no key, and, like the
 * in-memory data, it ends with the process. A server with a database uses the persistence adapter's
 * MACed codec instead, which keeps nothing and opens on every node.
 */
public final class InMemoryCursorRegistry implements CursorCodecPort {
    /** How many issued cursors are remembered. */
    public static final int CAPACITY = 10_000;

    private record Issued(CursorScope scope, String position) {
    }

    private final RandomPort random;
    private final Map<String, Issued> issued = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
            return size() > CAPACITY;
        }
    };

    public InMemoryCursorRegistry(RandomPort random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public synchronized String seal(CursorScope scope, String position) {
        Objects.requireNonNull(scope, "scope");
        if (position.length() > MAX_POSITION_LENGTH) {
            throw new IllegalArgumentException("a cursor position is at most " + MAX_POSITION_LENGTH + " characters");
        }
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(random.randomBytes(16));
        issued.put(cursor, new Issued(scope, position));
        return cursor;
    }

    @Override
    public synchronized Optional<String> open(CursorScope scope, String cursor) {
        if (cursor == null || cursor.length() > 64) {
            return Optional.empty();
        }
        Issued found = issued.get(cursor);
        return found != null && found.scope().equals(scope) ? Optional.of(found.position()) : Optional.empty();
    }
}
