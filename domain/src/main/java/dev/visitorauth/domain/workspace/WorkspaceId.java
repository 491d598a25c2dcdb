package dev.visitorauth.domain.workspace;

import dev.visitorauth.domain.Ids;

/** A tenant's id. Every other record belongs to exactly one workspace. */
public record WorkspaceId(String value) {
    public WorkspaceId {
        Ids.requireWellFormed(value, "workspace id");
    }

    @Override
    public String toString() {
        return value;
    }
}
