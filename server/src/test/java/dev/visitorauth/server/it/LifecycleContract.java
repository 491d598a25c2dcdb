package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.rpc.ErrorInfo;
import dev.visitorauth.adapter.grpc.v1.GetConversationRequest;
import dev.visitorauth.adapter.grpc.v1.GetConversationResponse;
import dev.visitorauth.adapter.grpc.v1.PostAgentReplyRequest;
import dev.visitorauth.adapter.grpc.v1.RevokeUserSessionsRequest;
import dev.visitorauth.adapter.grpc.v1.RevokeUserSessionsResponse;
import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenRequest;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.server.GrpcServerLifecycle;
import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Spec sections 10 and 14 ("Revocation and read state") over the real server, REST and gRPC: sign
 * out everywhere ends every device's session and refuses the user's older tokens with
 * {@code token_revoked}; the read marker is the owner's on every device and drives
 * {@code unreadCount}; lists carry the last message's preview; agent replies carry a name.
 */
@OnH2
class LifecycleContract extends ServerTestBase {
    @Autowired
    GrpcServerLifecycle grpcServer;

    private final GrpcClients grpcClients = new GrpcClients();

    @AfterEach
    void closeChannels() throws InterruptedException {
        grpcClients.close();
    }

    private VisitorAuthServiceBlockingStub grpc(Widget widget) {
        return grpcClients.stub(grpcServer.getPort(), widget.apiKey());
    }

    private static ErrorInfo errorInfo(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(ErrorInfo.class)).findFirst()
                .map(d -> {
                    try {
                        return d.unpack(ErrorInfo.class);
                    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                        throw new IllegalStateException(x);
                    }
                }).orElseThrow();
    }

    private static StatusRuntimeException refusedBy(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    private Response revoke(Widget widget, String externalId, Map<String, ?> body) {
        return api.post("/v1/admin/users/" + ApiClient.encode(externalId) + "/sessions/revoke", widget.apiKey(), body);
    }

    /** A token for {@code userId} issued {@code iatOffset} seconds from now (the widget allows 30 s of skew). */
    private static String issued(Widget widget, String userId, long iatOffset) {
        long now = Instant.now().getEpochSecond();
        return sign(widget.secret(), claims(userId).with("iat", now + iatOffset).with("exp", now + 60));
    }

    private static String withoutIat(Widget widget, String userId) {
        return sign(widget.secret(), claims(userId).without("iat"));
    }

    private Response reply(Widget widget, String conversation, Map<String, ?> body) {
        return api.post("/v1/admin/conversations/" + conversation + "/messages", widget.apiKey(), body);
    }

    private String replyOk(Widget widget, String conversation, String text, String agentName) {
        Response r = reply(widget, conversation, agentName == null ? Map.of("text", text)
                : Map.of("text", text, "agentName", agentName));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.text("id");
    }

    private Response read(String sessionToken, String conversation, Object body) {
        return api.post("/v1/conversations/" + conversation + "/read", sessionToken, body);
    }

    private JsonNode listed(String sessionToken, String conversation) {
        Response r = api.conversations(sessionToken);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        for (JsonNode c : r.json().path("conversations")) {
            if (c.path("id").asString().equals(conversation)) {
                return c;
            }
        }
        throw new AssertionError("conversation " + conversation + " not listed: " + r);
    }

    // ---- sign out everywhere ----

    @Test
    void signOutEverywhereEndsEveryDevicesSessionAndRefusesTheUsersOlderTokens() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        String older = issued(widget, userId, -20);
        String noIat = withoutIat(widget, userId);
        Session laptop = api.startOk(widget, null, valid(widget, userId));
        Session phone = api.startOk(widget, null, valid(widget, userId));
        Session someoneElse = api.startOk(widget, null, valid(widget, newUserId()));

        Response revoked = revoke(widget, userId, Map.of());

        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        assertThat(revoked.json().path("revokedSessions").asInt()).isEqualTo(2);
        assertThat(Instant.parse(revoked.text("issuedBefore"))).isBeforeOrEqualTo(Instant.now());
        assertProblem(api.currentSession(laptop.token()), 401, "unauthenticated");
        assertProblem(api.conversations(phone.token()), 401, "unauthenticated");
        assertThat(api.currentSession(someoneElse.token()).status()).isEqualTo(200);
        assertTokenRefused(api.start(widget, laptop.visitorId(), older), "token_revoked", older);
        assertTokenRefused(api.start(widget, null, noIat), "token_revoked", noIat);
        assertThat(api.authFailures(widget).json().path("countsByCode").path("token_revoked").asInt()).isEqualTo(2);

        Session again = api.startOk(widget, laptop.visitorId(), issued(widget, userId, 2));
        assertThat(again.authenticated()).isTrue();
        assertThat(again.visitorId()).isEqualTo(laptop.visitorId());
    }

    @Test
    void anIssuedBeforeInThePastKeepsLaterTokensAndTheCutoffNeverMovesBack() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        api.startOk(widget, null, valid(widget, userId));
        Instant cutoff = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        Response first = revoke(widget, userId, Map.of("issuedBefore", cutoff.toString()));
        Response earlier = revoke(widget, userId, Map.of("issuedBefore", cutoff.minusSeconds(60).toString()));

        assertThat(first.json().path("revokedSessions").asInt()).isEqualTo(1);
        assertThat(earlier.json().path("revokedSessions").asInt()).isZero();
        assertThat(Instant.parse(earlier.text("issuedBefore"))).isEqualTo(cutoff);
        assertThat(api.startOk(widget, null, issued(widget, userId, -5)).authenticated()).isTrue();
        String tooOld = issued(widget, userId, -25);
        assertTokenRefused(api.start(widget, null, tooOld), "token_revoked", tooOld);
    }

    @Test
    void aBadRevocationIsRefusedAndRevokesNothing() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session s = api.startOk(widget, null, valid(widget, userId));
        Widget otherWorkspace = api.newWidget();

        assertProblem(revoke(widget, userId, Map.of("issuedBefore", Instant.now().plusSeconds(60).toString())), 400,
                "invalid_request", "issuedBefore");
        assertProblem(revoke(widget, userId, Map.of("issuedBefore", "yesterday")), 400, "invalid_request", "issuedBefore");
        assertProblem(revoke(widget, userId, Map.of("issuedbefore", Instant.now().toString())), 400, "invalid_request",
                "issuedbefore");
        assertProblem(revoke(widget, "nobody-" + userId, Map.of()), 404, "not_found");
        assertProblem(revoke(otherWorkspace, userId, Map.of()), 404, "not_found");
        assertProblem(api.post("/v1/admin/users/" + userId + "/sessions/revoke", null, Map.of()), 401, "unauthenticated");

        assertThat(api.currentSession(s.token()).status()).isEqualTo(200);
    }

    @Test
    void grpcRevokesTooAndItsVerifyAndStartRefuseTheOlderTokens() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        String older = issued(widget, userId, -20);
        Session s = api.startOk(widget, null, valid(widget, userId));
        VisitorAuthServiceBlockingStub stub = grpc(widget);

        RevokeUserSessionsResponse revoked = stub.revokeUserSessions(RevokeUserSessionsRequest.newBuilder()
                .setExternalId(userId).build());

        assertThat(revoked.getRevokedSessions()).isEqualTo(1);
        assertThat(revoked.hasIssuedBefore()).isTrue();
        assertProblem(api.currentSession(s.token()), 401, "unauthenticated");
        StatusRuntimeException verify = refusedBy(() -> stub.verifyVisitorToken(VerifyVisitorTokenRequest.newBuilder()
                .setWidgetId(widget.id()).setVisitorToken(older).build()));
        assertThat(verify.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(errorInfo(verify).getReason()).isEqualTo("token_revoked");
        StatusRuntimeException start = refusedBy(() -> stub.startSession(StartSessionRequest.newBuilder()
                .setWidgetId(widget.id()).setVisitorToken(older).build()));
        assertThat(errorInfo(start).getReason()).isEqualTo("token_revoked");

        long future = Instant.now().plusSeconds(60).getEpochSecond();
        StatusRuntimeException tooLate = refusedBy(() -> stub.revokeUserSessions(RevokeUserSessionsRequest.newBuilder()
                .setExternalId(userId).setIssuedBefore(Timestamp.newBuilder().setSeconds(future)).build()));
        assertThat(tooLate.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorInfo(tooLate).getMetadataMap()).containsEntry("claim", "issued_before");
        StatusRuntimeException elsewhere = refusedBy(() -> grpc(api.newWidget()).revokeUserSessions(
                RevokeUserSessionsRequest.newBuilder().setExternalId(userId).build()));
        assertThat(elsewhere.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    // ---- read state, previews, agent names ----

    @Test
    void theReadMarkerIsTheUsersOnEveryDeviceAndDrivesUnreadCount() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session laptop = api.startOk(widget, null, valid(widget, userId));
        Session phone = api.startOk(widget, null, valid(widget, userId));
        String conversation = api.startConversationOk(laptop.token(), "Where is my order?\nIt was due Monday.");
        JsonNode fresh = listed(phone.token(), conversation);
        assertThat(fresh.path("unreadCount").asInt()).isZero();
        assertThat(fresh.path("preview").asString()).isEqualTo("Where is my order?");
        String first = replyOk(widget, conversation, "Let me check.", null);
        String second = replyOk(widget, conversation, "It ships today.\nTracking follows.", "Ada");

        JsonNode unread = listed(phone.token(), conversation);
        assertThat(unread.path("unreadCount").asInt()).isEqualTo(2);
        assertThat(unread.path("preview").asString()).isEqualTo("It ships today.");
        assertThat(unread.path("lastMessageAt").asString()).isNotBlank();

        Response marked = read(laptop.token(), conversation, Map.of("messageId", first));
        assertThat(marked.status()).as("%s", marked).isEqualTo(204);
        assertThat(listed(phone.token(), conversation).path("unreadCount").asInt()).isEqualTo(1);

        assertThat(read(phone.token(), conversation, Map.of("messageId", second)).status()).isEqualTo(204);
        assertThat(read(laptop.token(), conversation, Map.of("messageId", first)).status())
                .as("an older message leaves the marker").isEqualTo(204);
        assertThat(listed(laptop.token(), conversation).path("unreadCount").asInt()).isZero();
        api.postMessage(phone.token(), conversation, "Thanks!");
        assertThat(listed(laptop.token(), conversation).path("unreadCount").asInt()).as("own messages never count").isZero();
    }

    @Test
    void markingReadRefusesBadBodiesForeignMessagesAndOtherWorkspaces() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, valid(widget, newUserId()));
        String mine = api.startConversationOk(s.token(), "one");
        String other = api.startConversationOk(s.token(), "two");
        String elsewhere = replyOk(widget, other, "hi", null);
        Widget foreign = api.newWidget();
        Session stranger = api.startOk(foreign, null, valid(foreign, newUserId()));
        Session anonymous = api.startOk(widget, null, null);

        assertProblem(read(s.token(), mine, Map.of("messageId", elsewhere)), 404, "not_found");
        assertProblem(read(s.token(), mine, Map.of()), 400, "invalid_request", "messageId");
        assertProblem(read(s.token(), mine, Map.of("messageId", elsewhere, "extra", 1)), 400, "invalid_request", "extra");
        assertProblem(read(s.token(), mine, Map.of("messageId", 42)), 400, "invalid_request", "messageId");
        assertProblem(read(stranger.token(), other, Map.of("messageId", elsewhere)), 404, "not_found");
        assertProblem(read(anonymous.token(), other, Map.of("messageId", elsewhere)), 403, "forbidden");
        assertProblem(read("not-a-session", other, Map.of("messageId", elsewhere)), 401, "unauthenticated");

        assertThat(listed(s.token(), other).path("unreadCount").asInt()).isEqualTo(1);
        Response preflight = api.send("OPTIONS", "/v1/conversations/" + mine + "/read", null, null,
                "Origin", "https://shop.example.com", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void agentNamesAreValidatedStoredAndShownOnRestAndGrpc() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, valid(widget, newUserId()));
        String conversation = api.startConversationOk(s.token(), "hello");

        Response named = reply(widget, conversation, Map.of("text", "hi there", "agentName", "  Ada Lovelace  "));
        assertThat(named.status()).as("%s", named).isEqualTo(201);
        assertThat(named.text("agentName")).isEqualTo("Ada Lovelace");
        assertProblem(reply(widget, conversation, Map.of("text", "x", "agentName", "a".repeat(81))), 400, "invalid_request",
                "agentName");
        assertProblem(reply(widget, conversation, Map.of("text", "x", "agentName", " ")), 400, "invalid_request", "agentName");
        assertProblem(reply(widget, conversation, Map.of("text", "x", "agentname", "Ada")), 400, "invalid_request", "agentname");

        Response messages = api.messages(s.token(), conversation);
        List<String> names = new ArrayList<>();
        messages.json().path("messages").forEach(m -> names.add(m.path("agentName").isNull() ? null : m.path("agentName").asString()));
        assertThat(names).containsExactly(null, "Ada Lovelace");

        VisitorAuthServiceBlockingStub stub = grpc(widget);
        var grpcReply = stub.postAgentReply(PostAgentReplyRequest.newBuilder().setConversationId(conversation)
                .setText("from grpc").setAgentName("Grace").build());
        assertThat(grpcReply.getMessage().getAgentName()).isEqualTo("Grace");
        StatusRuntimeException bad = refusedBy(() -> stub.postAgentReply(PostAgentReplyRequest.newBuilder()
                .setConversationId(conversation).setText("x").setAgentName("\n").build()));
        assertThat(errorInfo(bad).getMetadataMap()).containsEntry("claim", "agent_name");
        GetConversationResponse details = stub.getConversation(GetConversationRequest.newBuilder()
                .setConversationId(conversation).build());
        assertThat(details.getMessagesList()).extracting(m -> m.hasAgentName() ? m.getAgentName() : null)
                .containsExactly(null, "Ada Lovelace", "Grace");
        assertThat(details.getConversation().getUnreadCount()).isEqualTo(2);
        assertThat(details.getConversation().getPreview()).isEqualTo("from grpc");
    }
}
