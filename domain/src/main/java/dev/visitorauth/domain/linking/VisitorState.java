package dev.visitorauth.domain.linking;

import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.visitor.Visitor;
import java.util.Objects;

/** What the start-up request's {@code visitorId} names, as the linking rules see it. */
public sealed interface VisitorState permits VisitorState.None, VisitorState.Anonymous, VisitorState.Linked {

    /** No {@code visitorId} was given, or it names no visitor of this widget. */
    record None() implements VisitorState {
    }

    /** An anonymous visitor of this widget. */
    record Anonymous(Visitor visitor) implements VisitorState {
        public Anonymous {
            if (!visitor.isAnonymous()) {
                throw new IllegalArgumentException("visitor is linked");
            }
        }
    }

    /** A visitor linked to the user with external id {@code user}. */
    record Linked(Visitor visitor, ExternalUserId user) implements VisitorState {
        public Linked {
            Objects.requireNonNull(user, "user");
            if (visitor.isAnonymous()) {
                throw new IllegalArgumentException("visitor is anonymous");
            }
        }
    }

    static VisitorState none() {
        return new None();
    }
}
