package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.visitor.Visitor;

/** Stores visitors. */
public interface SaveVisitorPort {

    /**
     * Stores a visitor that is new by construction (its id was just generated): a start-up's one
     * write of it. An id already stored is a broken invariant, not a replace.
     */
    void createVisitor(Visitor visitor);

    /**
     * Replaces a stored visitor, or inserts it. A visitor stored linked to a user is never replaced
     * by one that is anonymous or linked to another user ({@link ConcurrentChangeException}).
     */
    void saveVisitor(Visitor visitor);
}
