package dev.visitorauth.domain.linking;

import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a start-up does, decided by {@link LinkingRules#decide}. Each variant is one row (or a pair
 * of rows) of the start-up table.
 */
public sealed interface LinkingDecision permits LinkingDecision.NewAnonymous, LinkingDecision.ResumeAnonymous,
        LinkingDecision.NewLinked, LinkingDecision.Upgrade, LinkingDecision.ResumeLinked {

    /**
     * Create a new anonymous visitor. When the request named a linked visitor, that visitor stays
     * locked: its sessions are revoked ({@code locked}) and nothing of it is exposed.
     */
    record NewAnonymous(Optional<VisitorId> locked) implements LinkingDecision {
        public NewAnonymous {
            Objects.requireNonNull(locked, "locked");
        }
    }

    /** Resume the named anonymous visitor, still anonymous. */
    record ResumeAnonymous(Visitor visitor) implements LinkingDecision {
        public ResumeAnonymous {
            Objects.requireNonNull(visitor, "visitor");
        }
    }

    /**
     * Find or create {@code user} and create a new visitor linked to it. When the request named a
     * visitor linked to another user, that visitor's sessions are revoked ({@code revokeSessionsOf})
     * and it stays its user's.
     */
    record NewLinked(ExternalUserId user, Optional<VisitorId> revokeSessionsOf) implements LinkingDecision {
        public NewLinked {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(revokeSessionsOf, "revokeSessionsOf");
        }
    }

    /**
     * Upgrade: link the anonymous {@code visitor} to {@code user} (created if new), move its
     * conversations to the user, and revoke its anonymous sessions.
     */
    record Upgrade(Visitor visitor, ExternalUserId user) implements LinkingDecision {
        public Upgrade {
            Objects.requireNonNull(visitor, "visitor");
            Objects.requireNonNull(user, "user");
        }
    }

    /** Resume the visitor already linked to the token's user, authenticated; its profile is updated. */
    record ResumeLinked(Visitor visitor, ExternalUserId user) implements LinkingDecision {
        public ResumeLinked {
            Objects.requireNonNull(visitor, "visitor");
            Objects.requireNonNull(user, "user");
        }
    }
}
