package dev.visitorauth.domain.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

    @Test
    void acceptsAWorkspaceNameOfOneTo200CharactersNotBlank() {
        assertThat(Workspace.name("Acme").orElseThrow()).isEqualTo("Acme");
        assertThat(Workspace.name("n".repeat(200)).orElseThrow()).hasSize(200);
        for (String bad : new String[] {"", " \t", "n".repeat(201), null}) {
            assertThat(Workspace.name(bad))
                    .isEqualTo(Result.refused(Refusal.invalid(InputField.NAME, "must be 1 to 200 characters and not blank.")));
        }
    }
}
