package dev.visitorauth.adapter.rest.json;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The request bodies, for the OpenAPI description only: handlers read bodies as JSON trees through
 * {@link JsonBody}, which checks every member's type. Every member is optional unless noted.
 */
public final class Requests {
    private Requests() {
    }

    @Schema(description = "null or \"\" means absent.")
    public record StartSessionRequest(
            @Schema(description = "The visitor id the widget kept, if any.") String visitorId,
            @Schema(description = "The company-signed visitor token (HS256 JWT), if any.") String visitorToken) {
    }

    public record AgentReplyRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String text,
                                    @Schema(description = "The agent's display name, shown beside the reply: 1 to 80"
                                            + " characters once trimmed.") String agentName) {
    }

    public record RevokeSessionsRequest(@Schema(description = "RFC 3339; default now; never in the future. The user's"
            + " tokens issued before it (or without iat) are refused.") String issuedBefore) {
    }

    public record ReadRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            description = "A message of this conversation: it and every message before it count as read.") String messageId) {
    }

    public record TextRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String text) {
    }

    public record CreateWorkspaceRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name) {
    }

    @Schema(description = "On create, name is required; on PATCH, absent members keep their value.")
    public record WidgetSettingsRequest(String name,
                                        @Schema(allowableValues = {"optional", "required", "observe"}) String mode,
                                        @Schema(minimum = "1", maximum = "86400") Long maxTokenLifetimeSeconds,
                                        @Schema(minimum = "0", maximum = "300") Long clockSkewSeconds,
                                        Boolean requireJti,
                                        @Schema(description = "scheme://host[:port]; empty allows any origin.")
                                        List<String> allowedOrigins,
                                        @Schema(description = "An https URL of the company's JWKS (public keys that verify "
                                                + "its tokens); on PATCH, null removes it.", maxLength = 2048, nullable = true)
                                        String jwksUrl) {
    }

    public record AddWidgetKeyRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The public key as a JWK (RFC 7517) object: "
                    + "RSA (at least 2048 bits; RS256, PS256), EC P-256 (ES256) or OKP Ed25519 (EdDSA); no private members. "
                    + "Its kid, if any, becomes the key id.")
            java.util.Map<String, Object> jwk) {
    }

    public record RotateApiKeyRequest(
            @Schema(minimum = "0", maximum = "86400", description = "How long the old API key keeps working; default 0.")
            Long graceSeconds) {
    }

    public record RotateSecretRequest(
            @Schema(minimum = "0", maximum = "86400", description = "How long the old secret keeps verifying; default 0.")
            Long graceSeconds) {
    }

    public record TokenInspectionRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String token) {
    }
}
