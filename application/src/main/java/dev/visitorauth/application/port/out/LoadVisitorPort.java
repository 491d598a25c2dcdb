package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.identity.UserId;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Reads visitors of a workspace. */
public interface LoadVisitorPort {

    Optional<Visitor> findVisitor(WorkspaceId workspaceId, VisitorId id);

    /** The visitors linked to a user, oldest first. */
    List<Visitor> visitorsOf(WorkspaceId workspaceId, UserId userId);
}
