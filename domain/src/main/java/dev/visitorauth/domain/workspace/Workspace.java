package dev.visitorauth.domain.workspace;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
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

    /** {@code name} as a workspace's name: {@code invalid_request} about the name when blank or over {@value #MAX_NAME_LENGTH} characters. */
    public static Result<String> name(String name) {
        return isValidName(name) ? Result.ok(name)
                : Result.refused(Refusal.invalid(InputField.NAME, "must be 1 to " + MAX_NAME_LENGTH + " characters and not blank."));
    }

    public static boolean isValidName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_NAME_LENGTH;
    }
}
