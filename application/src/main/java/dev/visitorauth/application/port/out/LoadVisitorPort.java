package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads visitors of a workspace. */
public interface LoadVisitorPort {

    Optional<Visitor> findVisitor(WorkspaceId workspaceId, VisitorId id);

    /**
     * Like {@link #findVisitor}, with the external id of the user it is linked to (what start-up's
     * linking rules compare with the token's), read together.
     */
    Optional<OwnedVisitor> findVisitorWithOwner(WorkspaceId workspaceId, VisitorId id);

    /**
     * A stored visitor and, when it is linked, its user's external id.
     *
     * @throws IllegalStateException when a linked visitor's user is not stored (a broken invariant)
     */
    record OwnedVisitor(Visitor visitor, Optional<ExternalUserId> owner) {
        public OwnedVisitor {
            Objects.requireNonNull(visitor, "visitor");
            Objects.requireNonNull(owner, "owner");
            if (visitor.user().isPresent() != owner.isPresent()) {
                throw new IllegalStateException("visitor " + visitor.id() + (owner.isPresent()
                        ? " is anonymous but has an owner" : " is linked to a user that is not stored"));
            }
        }
    }

    /** The visitors linked to a user, oldest first. */
    List<Visitor> visitorsOf(WorkspaceId workspaceId, UserId userId);
}
