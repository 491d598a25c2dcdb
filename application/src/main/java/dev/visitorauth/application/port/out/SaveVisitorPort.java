package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.visitor.Visitor;

/** Stores visitors. */
public interface SaveVisitorPort {

    /** Inserts or replaces a visitor. */
    void saveVisitor(Visitor visitor);
}
