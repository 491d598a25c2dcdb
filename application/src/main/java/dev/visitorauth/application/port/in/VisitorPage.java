package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.visitor.Visitor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a user's visitors, most recently seen first.
 *
 * @param nextCursor the opaque cursor of the next page; empty on the last page
 */
public record VisitorPage(List<Visitor> visitors, Optional<String> nextCursor) {
    public VisitorPage {
        visitors = List.copyOf(visitors);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
