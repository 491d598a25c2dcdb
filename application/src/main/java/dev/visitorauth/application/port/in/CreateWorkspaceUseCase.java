package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.Workspace;
import java.util.Objects;

/** Creates a workspace and its API key, shown this once and stored only as a hash. */
public interface CreateWorkspaceUseCase {

    Result<CreatedWorkspace> createWorkspace(String name);

    record CreatedWorkspace(Workspace workspace, String apiKey) {
        public CreatedWorkspace {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(apiKey, "apiKey");
        }

        @Override
        public String toString() {
            return "CreatedWorkspace[" + workspace + "]";
        }
    }
}
