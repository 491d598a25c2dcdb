package dev.visitorauth.domain.event;

import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.VisitorId;
import java.util.Objects;

/**
 * Which widget sessions see an event on their stream: every session of a user (its every device),
 * every session of one visitor, one session, or none (workspace-only events, for agents, internal
 * services and webhooks).
 */
public sealed interface EventAudience {

    /** True when the widget stream of {@code session} carries an event with this audience. */
    boolean reaches(Session session);

    /** The audience of an event about a conversation of {@code owner}: every device of its owner. */
    static EventAudience of(ConversationOwner owner) {
        if (owner instanceof ConversationOwner.LinkedUser user) {
            return new AllSessionsOfUser(user.userId());
        }
        return new AllSessionsOfVisitor(((ConversationOwner.AnonymousVisitor) owner).visitorId());
    }

    record AllSessionsOfUser(UserId userId) implements EventAudience {
        public AllSessionsOfUser {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public boolean reaches(Session session) {
            return session.userId().filter(userId::equals).isPresent();
        }
    }

    record AllSessionsOfVisitor(VisitorId visitorId) implements EventAudience {
        public AllSessionsOfVisitor {
            Objects.requireNonNull(visitorId, "visitorId");
        }

        @Override
        public boolean reaches(Session session) {
            return session.visitorId().equals(visitorId);
        }
    }

    record OneSession(SessionTokenHash tokenHash) implements EventAudience {
        public OneSession {
            Objects.requireNonNull(tokenHash, "tokenHash");
        }

        @Override
        public boolean reaches(Session session) {
            return session.tokenHash().equals(tokenHash);
        }
    }

    /** No widget session: the admin stream, {@code WatchWorkspace} and webhooks only. */
    record WorkspaceOnly() implements EventAudience {
        @Override
        public boolean reaches(Session session) {
            return false;
        }
    }
}
