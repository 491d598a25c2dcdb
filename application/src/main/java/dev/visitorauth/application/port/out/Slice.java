package dev.visitorauth.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paginated list.
 *
 * @param items the page, in the list's order
 * @param next  where the next page starts; empty when this page is the last
 */
public record Slice<T>(List<T> items, Optional<Keyset> next) {
    public Slice {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
