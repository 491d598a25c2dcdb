package dev.visitorauth.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of a keyset-paginated list ends: the sort time and the id of its last item. The
 * next page starts strictly after it in the list's order, so pages never skip or repeat an item
 * whose sort time does not change, however many items come before it.
 */
public record Keyset(Instant at, String id) {
    public Keyset {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }
}
