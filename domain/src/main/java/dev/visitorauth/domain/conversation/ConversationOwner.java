package dev.visitorauth.domain.conversation;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import java.util.Objects;

/** Who owns a conversation: an anonymous visitor, or a user (and so every visitor linked to it). */
public sealed interface ConversationOwner permits ConversationOwner.AnonymousVisitor, ConversationOwner.LinkedUser {

    record AnonymousVisitor(VisitorId visitorId) implements ConversationOwner {
        public AnonymousVisitor {
            Objects.requireNonNull(visitorId, "visitorId");
        }
    }

    record LinkedUser(UserId userId) implements ConversationOwner {
        public LinkedUser {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** The owner of conversations a visitor starts: its user when linked, else the visitor itself. */
    static ConversationOwner of(Visitor visitor) {
        return visitor.user().<ConversationOwner>map(LinkedUser::new).orElseGet(() -> new AnonymousVisitor(visitor.id()));
    }

    /** True when {@code visitor} may read and write conversations of this owner. */
    default boolean admits(Visitor visitor) {
        return equals(of(visitor));
    }
}
