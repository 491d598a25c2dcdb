package dev.visitorauth.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/** A tenant: a company using the service. Its API key is held elsewhere, only as a hash. */
public record Workspace(WorkspaceId id, String name, Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 200;

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("workspace name must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
        }
    }

    public static boolean isValidName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_NAME_LENGTH;
    }
}
