package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Objects;

/**
 * Adds a public key, uploaded as a JWK, to a widget's keyring (spec sections 12 and 14), so tokens
 * the company signs with the matching private key verify. Refusals:
 * <ul>
 *   <li>{@code widget_not_found}: no such widget in this workspace;</li>
 *   <li>{@code invalid_request} naming {@code jwk}: not a JWK, over {@value #MAX_JWK_LENGTH}
 *       characters, a key the widget may not use (private members, {@code oct}, RSA under 2048
 *       bits, another curve, {@code use} other than {@code sig}, an {@code alg} the key type does not
 *       allow), a {@code kid} already in the keyring, or a keyring already full.</li>
 * </ul>
 * The key's id is the JWK's {@code kid}, or one assigned when it has none.
 */
public interface AddWidgetKeyUseCase {
    /** The longest JWK text accepted (a 16384-bit RSA key is about 3,000 characters). */
    int MAX_JWK_LENGTH = 16_384;

    Result<WidgetPublicKey> addWidgetKey(AddWidgetKeyCommand command);

    /**
     * @param jwk the JWK as JSON text
     */
    record AddWidgetKeyCommand(WorkspaceId workspaceId, WidgetId widgetId, String jwk) {
        public AddWidgetKeyCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(widgetId, "widgetId");
            Objects.requireNonNull(jwk, "jwk");
        }
    }
}
