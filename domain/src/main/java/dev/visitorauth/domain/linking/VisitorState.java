package dev.visitorauth.domain.linking;

import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.WidgetId;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * What a found visitor is to a start-up for {@code widget}: another widget's visitor is unknown
     * here ({@link None}), as if the id named no visitor; this widget's is {@link Linked} when it has
     * an {@code owner}, else {@link Anonymous}.
     *
     * @param owner the external id of the user the visitor is linked to, if it is
     */
    static VisitorState of(Visitor visitor, Optional<ExternalUserId> owner, WidgetId widget) {
        if (!visitor.widgetId().equals(widget)) {
            return none();
        }
        return owner.<VisitorState>map(user -> new Linked(visitor, user)).orElseGet(() -> new Anonymous(visitor));
    }
}
