package dev.visitorauth.adapter.rest.admin;

import static dev.visitorauth.adapter.rest.error.RefusedException.unwrap;

import dev.visitorauth.adapter.rest.error.RefusedException;
import dev.visitorauth.adapter.rest.json.JsonBody;
import dev.visitorauth.adapter.rest.json.Requests;
import dev.visitorauth.adapter.rest.json.Responses.KeyIdResponse;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase.AddWidgetKeyCommand;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase.DeleteWidgetKeyCommand;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import java.util.Objects;

/** A widget's uploaded public keys (spec section 12); they are listed with the widget. */
@RestController
@Tag(name = "Admin: widgets", description = "Server-to-server (workspace API key).")
@SecurityRequirement(name = "workspaceApiKey")
public class WidgetKeysController {
    private final AddWidgetKeyUseCase addKey;
    private final DeleteWidgetKeyUseCase deleteKey;

    public WidgetKeysController(AddWidgetKeyUseCase addKey, DeleteWidgetKeyUseCase deleteKey) {
        this.addKey = Objects.requireNonNull(addKey, "addKey");
        this.deleteKey = Objects.requireNonNull(deleteKey, "deleteKey");
    }

    @PostMapping("/v1/admin/widgets/{widgetId}/keys")
    @Operation(summary = "Add a public key (a JWK) to the widget's keyring",
            description = "Tokens signed with its private key then verify (RS256/PS256, ES256 or EdDSA, as the key allows). "
                    + "A JWK with private members, of type oct, RSA under 2048 bits, another curve, or a kid already in the "
                    + "keyring is 400 invalid_request naming jwk.")
    public ResponseEntity<KeyIdResponse> add(
            WorkspaceId workspace, @PathVariable String widgetId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Requests.AddWidgetKeyRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        String jwk = JsonBody.of(body, "jwk").objectText("jwk").orElseThrow(() -> RefusedException.invalid("jwk",
                "jwk is required: the public key as a JWK object, e.g. {\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": ..., \"y\": ...}."));
        WidgetPublicKey key = unwrap(addKey.addWidgetKey(new AddWidgetKeyCommand(workspace, unwrap(WidgetId.parse(widgetId)), jwk)));
        return ResponseEntity.status(HttpStatus.CREATED).body(new KeyIdResponse(key.keyId().value()));
    }

    @DeleteMapping("/v1/admin/widgets/{widgetId}/keys/{keyId}")
    @Operation(summary = "Delete an uploaded public key",
            description = "Tokens signed with it stop verifying at once. Percent-encode the key id in the path.")
    public ResponseEntity<Void> delete(WorkspaceId workspace, @PathVariable String widgetId, @PathVariable String keyId) {
        WidgetId widget = unwrap(WidgetId.parse(widgetId));
        unwrap(deleteKey.deleteWidgetKey(new DeleteWidgetKeyCommand(workspace, widget, unwrap(KeyId.parse(keyId)))));
        return ResponseEntity.noContent().build();
    }
}
