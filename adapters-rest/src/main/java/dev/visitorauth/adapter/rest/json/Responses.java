package dev.visitorauth.adapter.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JSON documents the REST API answers with (spec section 6), built only by {@link RestMapper}.
 * Members are camelCase, times RFC 3339 strings, and absent values are JSON {@code null} (never
 * omitted, whatever the host's Jackson defaults). Records holding a credential redact it from
 * {@code toString()}.
 */
public final class Responses {
    private Responses() {
    }

    private static final String REDACTED = "[redacted]";

    // ---- widget-facing ----

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "A new widget session.")
    public record StartedSessionResponse(
            @Schema(description = "Bearer token for the session endpoints; shown this once.") String sessionToken,
            String expiresAt, String visitorId,
            @Schema(allowableValues = {"anonymous", "authenticated"}) String status,
            @Schema(nullable = true) VisitorUserResponse user) {
        @Override
        public String toString() {
            return "StartedSessionResponse[visitorId=" + visitorId + ", status=" + status + ", sessionToken=" + REDACTED + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "The session, as start-up returned it, without the token.")
    public record SessionResponse(String expiresAt, String visitorId,
                                  @Schema(allowableValues = {"anonymous", "authenticated"}) String status,
                                  @Schema(nullable = true) VisitorUserResponse user) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "The company's user the visitor is linked to; id is the company's external id.")
    public record VisitorUserResponse(String id, String name, String email, String avatar, String companyId,
                                      String companyName, Map<String, String> customData) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConversationResponse(String id, String createdAt, String lastMessageAt, int messageCount,
                                       @Schema(description = "Agent messages after the owner's read marker (the same on"
                                               + " every device of the owner); the owner's own messages never count.")
                                       int unreadCount,
                                       @Schema(nullable = true, description = "The first line of the last message, at most"
                                               + " 140 code points; null before the first message.")
                                       String preview) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "A page of conversations, newest activity first.")
    public record ConversationListResponse(List<ConversationResponse> conversations,
                                           @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last.")
                                           String nextCursor) {
    }

    @Schema(description = "A new conversation with its first message.")
    public record StartedConversationResponse(String id, String createdAt, String lastMessageAt, int messageCount,
                                              List<MessageResponse> messages) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MessageResponse(String id, String text,
                                  @Schema(allowableValues = {"visitor", "agent"}) String author,
                                  @Schema(description = "Whether the author's identity was verified when it was written.")
                                  boolean authenticated,
                                  String createdAt,
                                  @Schema(nullable = true, description = "The name the agent signed the reply with; null"
                                          + " for visitors' messages and unsigned replies.")
                                  String agentName) {
    }

    @Schema(description = "A page of messages, oldest first.")
    public record MessageListResponse(List<MessageResponse> messages,
                                      @Schema(description = "Whether more messages exist in the direction asked"
                                              + " (older without after, newer with after).")
                                      boolean hasMore) {
    }

    // ---- admin ----

    @Schema(description = "Sign out everywhere: how many sessions were revoked, and the token cutoff now in force.")
    public record RevokedSessionsResponse(int revokedSessions,
                                          @Schema(description = "Tokens of the user issued before this (or without iat)"
                                                  + " are refused with token_revoked; later than asked when an earlier"
                                                  + " revocation had set a later cutoff.")
                                          String issuedBefore) {
    }

    public record WorkspaceResponse(String id, String name,
                                    @Schema(description = "The workspace API key; shown this once.") String apiKey) {
        @Override
        public String toString() {
            return "WorkspaceResponse[id=" + id + ", apiKey=" + REDACTED + "]";
        }
    }

    public record PolicyResponse(@Schema(allowableValues = {"optional", "required", "observe"}) String mode,
                                 long maxTokenLifetimeSeconds, long clockSkewSeconds, boolean requireJti) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WidgetResponse(String id, String name, String keyId, PolicyResponse policy, List<String> allowedOrigins,
                                 String createdAt,
                                 @Schema(description = "The widget's JWKS URL, or null.", nullable = true) String jwksUrl,
                                 @Schema(description = "Uploaded public keys, oldest first.") List<WidgetKeyResponse> keys) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "A widget after a PATCH; a change to required adds rolloutWarning when the last 24 hours hold "
            + "start-ups that required would refuse.")
    public record PatchedWidgetResponse(String id, String name, String keyId, PolicyResponse policy,
                                        List<String> allowedOrigins, String createdAt,
                                        @Schema(nullable = true) String jwksUrl, List<WidgetKeyResponse> keys,
                                        @JsonInclude(JsonInclude.Include.NON_NULL)
                                        @Schema(description = "Only after a change to required, and only when it would "
                                                + "have refused start-ups in the last 24 hours.")
                                        RequiredImpactResponse rolloutWarning) {
    }

    public record WidgetListResponse(List<WidgetResponse> widgets,
                                     @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last.")
                                     String nextCursor) {
    }

    @Schema(description = "The new workspace API key.")
    public record ApiKeyResponse(@Schema(description = "The new key; shown this once, stored as a hash.") String apiKey) {
        @Override
        public String toString() {
            return "ApiKeyResponse[apiKey=" + REDACTED + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "Who owns an inbox conversation: a user (id = the company's external id) or an anonymous visitor.")
    public record InboxOwnerResponse(@Schema(allowableValues = {"user", "visitor"}) String kind, String id,
                                     @Schema(nullable = true) String name) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "A conversation in the agent inbox.")
    public record InboxItemResponse(String id, InboxOwnerResponse owner, String createdAt, String lastMessageAt,
                                    int messageCount,
                                    @Schema(nullable = true, description = "The last message's first line, at most 140 "
                                            + "code points.") String preview) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record InboxResponse(List<InboxItemResponse> conversations,
                                @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last.")
                                String nextCursor) {
    }

    @Schema(description = "What switching to required would have refused.")
    public record RequiredImpactResponse(
            @Schema(description = "Start-ups that got a session without a verified token (anonymous, observed invalid).")
            long wouldRefuse,
            @Schema(description = "wouldRefuse as a fraction (0 to 1) of all start-ups in the window, refused ones "
                    + "included; 0 when there were none.") double share) {
    }

    @Schema(description = "Start-ups by outcome; refused by error code.")
    public record CoverageCountsResponse(long authenticated, long anonymous, long observedInvalid, Map<String, Long> refused) {
    }

    @Schema(description = "A widget's start-ups over the last hours, from its hourly counters.")
    public record CoverageResponse(int hours, CoverageCountsResponse counts,
                                   @Schema(description = "By origin: a listed origin, \"other\" (not on the widget's list, "
                                           + "or the widget has none) or \"none\" (no Origin header).")
                                   Map<String, CoverageCountsResponse> byOrigin,
                                   RequiredImpactResponse ifRequired) {
    }

    @Schema(description = "A new widget, with its first secret.")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CreatedWidgetResponse(String id, String name, String keyId, PolicyResponse policy,
                                        List<String> allowedOrigins, String createdAt, String jwksUrl,
                                        List<WidgetKeyResponse> keys, String secret) {
        @Override
        public String toString() {
            return "CreatedWidgetResponse[id=" + id + ", keyId=" + keyId + ", secret=" + REDACTED + "]";
        }
    }

    @Schema(description = "An uploaded public key.")
    public record WidgetKeyResponse(String keyId, @Schema(allowableValues = {"RSA", "EC", "OKP"}) String kty,
                                    @Schema(description = "The algorithm the key verifies; for an RSA key uploaded without "
                                            + "alg, both it verifies: \"RS256,PS256\".",
                                            example = "ES256") String alg,
                                    String createdAt) {
    }

    @Schema(description = "The id of the key just added.")
    public record KeyIdResponse(String keyId) {
    }

    public record SecretResponse(String secret, String keyId) {
        @Override
        public String toString() {
            return "SecretResponse[keyId=" + keyId + ", secret=" + REDACTED + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UserResponse(String id, String name, String email, String avatar, String companyId, String companyName,
                               Map<String, String> customData, String createdAt, String updatedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "A user's profile with its 20 most recently seen visitors (devices) and its 20 conversations"
            + " with the newest activity, newest first, and how many of each it has in all.")
    public record UserDetailsResponse(String id, String name, String email, String avatar, String companyId,
                                      String companyName, Map<String, String> customData, String createdAt,
                                      String updatedAt, List<VisitorResponse> visitors,
                                      List<ConversationResponse> conversations, long visitorCount,
                                      long conversationCount) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "A page of a user's visitors, most recently seen first.")
    public record VisitorListResponse(List<VisitorResponse> visitors,
                                      @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last.")
                                      String nextCursor) {
    }

    public record VisitorResponse(String id, String createdAt, String lastSeenAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UserListResponse(List<UserResponse> users,
                                   @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last.")
                                   String nextCursor) {
    }

    @Schema(description = "Who owns a conversation.", oneOf = {UserOwnerResponse.class, VisitorOwnerResponse.class})
    public sealed interface OwnerResponse permits UserOwnerResponse, VisitorOwnerResponse {
        String type();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UserOwnerResponse(@Schema(allowableValues = "user") String type, UserResponse user) implements OwnerResponse {
    }

    public record VisitorOwnerResponse(@Schema(allowableValues = "visitor") String type, String visitorId)
            implements OwnerResponse {
    }

    public record AdminConversationResponse(String id, String createdAt, String lastMessageAt, int messageCount,
                                            OwnerResponse owner, List<MessageResponse> messages,
                                            @Schema(description = "Whether more messages exist in the direction asked.")
                                            boolean hasMore) {
    }

    @Schema(description = "A conversation in an export, with all its messages.")
    public record ExportedConversationResponse(String id, String createdAt, String lastMessageAt, int messageCount,
                                               List<MessageResponse> messages) {
    }

    @Schema(description = "Everything held about a user (GDPR articles 15 and 20), streamed.")
    public record UserExportResponse(UserResponse user, List<VisitorResponse> visitors,
                                     List<ExportedConversationResponse> conversations) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuthFailureResponse(String at, String code, String claim, String origin, String kid, String iat) {
    }

    @Schema(description = "The newest failures, newest first; counts cover the whole retained log.")
    public record AuthFailureListResponse(List<AuthFailureResponse> failures, Map<String, Long> countsByCode) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "Every check run on the token, in order, with the decoded header and claims.")
    public record TokenInspectionResponse(boolean valid, String code, String claim, String keyId,
                                          @Schema(nullable = true, type = "object") JsonNode header,
                                          @Schema(nullable = true, type = "object") JsonNode claims,
                                          List<CheckResponse> checks) {
    }

    public record CheckResponse(String name, boolean passed, String detail) {
    }
}
