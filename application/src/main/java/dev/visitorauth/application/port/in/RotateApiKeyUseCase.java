package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * Replaces the workspace API key (spec sections 11 and 14). The new key works at once; the key it
 * replaces keeps working for {@code graceSeconds} (0 to 86400; 0 ends it at once), on every node,
 * since both are checked against the database. One previous key is kept: a rotation during an
 * earlier one's grace ends that earlier key at once. Keys are stored only as hashes. Refusals:
 * {@code invalid_request} naming {@code graceSeconds}.
 */
public interface RotateApiKeyUseCase {

    Result<RotatedApiKey> rotateApiKey(RotateApiKeyCommand command);

    record RotateApiKeyCommand(WorkspaceId workspaceId, long graceSeconds) {
        public RotateApiKeyCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
        }
    }

    /** The new key, shown this once. */
    record RotatedApiKey(String apiKey) {
        public RotatedApiKey {
            Objects.requireNonNull(apiKey, "apiKey");
        }

        @Override
        public String toString() {
            return "RotatedApiKey[apiKey=[redacted]]";
        }
    }
}
