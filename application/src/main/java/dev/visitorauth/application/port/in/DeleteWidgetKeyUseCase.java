package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * Deletes an uploaded public key from a widget's keyring: tokens signed with it stop verifying at
 * once. Refusals: {@code widget_not_found} (no such widget in this workspace) and
 * {@code not_found} (the widget has no uploaded public key with this id; secrets are rotated, not
 * deleted, and keys read from a JWKS URL are managed at that URL).
 */
public interface DeleteWidgetKeyUseCase {

    /** The id of the deleted key. */
    Result<KeyId> deleteWidgetKey(DeleteWidgetKeyCommand command);

    record DeleteWidgetKeyCommand(WorkspaceId workspaceId, WidgetId widgetId, KeyId keyId) {
        public DeleteWidgetKeyCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(widgetId, "widgetId");
            Objects.requireNonNull(keyId, "keyId");
        }
    }
}
