package dev.visitorauth.domain.event;

import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/** An event about to be written to the workspace's log, in the transaction of the change it records. */
public record NewEvent(WorkspaceId workspaceId, EventType type, Instant at, EventAudience audience, EventData data) {
    public NewEvent {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(data, "data");
        if (!type.reachesSessions() && !(audience instanceof EventAudience.WorkspaceOnly)) {
            throw new IllegalArgumentException(type.wireName() + " never reaches a widget session");
        }
    }
}
