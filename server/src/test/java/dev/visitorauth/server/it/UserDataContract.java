package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import dev.visitorauth.adapter.grpc.v1.DeleteUserRequest;
import dev.visitorauth.adapter.grpc.v1.ExportUserRequest;
import dev.visitorauth.adapter.grpc.v1.ExportUserResponse;
import dev.visitorauth.adapter.grpc.v1.GetConversationRequest;
import dev.visitorauth.adapter.grpc.v1.GetConversationResponse;
import dev.visitorauth.adapter.grpc.v1.GetUserRequest;
import dev.visitorauth.adapter.grpc.v1.ListUserConversationsRequest;
import dev.visitorauth.adapter.grpc.v1.ListUserConversationsResponse;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.server.GrpcServerLifecycle;
import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.VisitorTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Spec sections 8 and 14 over the real server: messages page both ways with {@code hasMore},
 * conversation lists and a user's sub-lists page with cursors that refuse tampering and reuse
 * elsewhere, the admin user look-up is capped, erasure kills sessions and history, and the export
 * holds everything in order; the gRPC reads, {@code DeleteUser} and {@code ExportUser} agree.
 */
@OnH2
class UserDataContract extends ServerTestBase {
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

    /** A conversation of {@code session} holding messages "m0" to "m{n-1}" in order; returns their ids. */
    private List<String> conversationWith(String sessionToken, int n, List<String> ids) {
        Response first = api.startConversation(sessionToken, "m0");
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        String conversation = first.text("id");
        ids.add(first.json().path("messages").get(0).path("id").asString());
        for (int i = 1; i < n; i++) {
            Response r = api.postMessage(sessionToken, conversation, "m" + i);
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            ids.add(r.text("id"));
        }
        return ids;
    }

    private static List<String> texts(Response r) {
        List<String> texts = new ArrayList<>();
        r.json().path("messages").forEach(m -> texts.add(m.path("text").asString()));
        return texts;
    }

    private Response messages(String token, String conversation, String query) {
        return api.get("/v1/conversations/" + conversation + "/messages" + query, token);
    }

    // ---- messages ----

    @Test
    void messagesPageBackwardsAndForwardsWithHasMore() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, valid(widget, newUserId()));
        List<String> ids = conversationWith(s.token(), 7, new ArrayList<>());
        String c = api.conversationIds(s.token()).get(0);

        Response newest = messages(s.token(), c, "?limit=3");
        assertThat(newest.status()).isEqualTo(200);
        assertThat(texts(newest)).containsExactly("m4", "m5", "m6");
        assertThat(newest.json().path("hasMore").asBoolean()).isTrue();

        Response before = messages(s.token(), c, "?limit=3&before=" + ids.get(4));
        assertThat(texts(before)).containsExactly("m1", "m2", "m3");
        assertThat(before.json().path("hasMore").asBoolean()).isTrue();
        Response oldest = messages(s.token(), c, "?limit=3&before=" + ids.get(1));
        assertThat(texts(oldest)).containsExactly("m0");
        assertThat(oldest.json().path("hasMore").asBoolean()).isFalse();

        Response after = messages(s.token(), c, "?limit=2&after=" + ids.get(2));
        assertThat(texts(after)).containsExactly("m3", "m4");
        assertThat(after.json().path("hasMore").asBoolean()).isTrue();
        Response upToDate = messages(s.token(), c, "?after=" + ids.get(6));
        assertThat(texts(upToDate)).isEmpty();
        assertThat(upToDate.json().path("hasMore").asBoolean()).isFalse();

        Response all = messages(s.token(), c, "");
        assertThat(texts(all)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(all.json().path("hasMore").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "abc", "1.5", "99999999999"})
    void aLimitOutsideOneToTwoHundredIsInvalid(String limit) {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        String c = api.startConversationOk(s.token(), "hi");
        assertProblem(messages(s.token(), c, "?limit=" + ApiClient.encode(limit)), 400, "invalid_request", "limit");
        assertThat(messages(s.token(), c, "?limit=200").status()).isEqualTo(200);
    }

    @Test
    void beforeAndAfterTogetherAreInvalidAndAnUnknownAnchorIsNotFound() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        List<String> ids = conversationWith(s.token(), 2, new ArrayList<>());
        String c = api.conversationIds(s.token()).get(0);
        List<String> otherIds = conversationWith(s.token(), 1, new ArrayList<>());

        assertProblem(messages(s.token(), c, "?before=" + ids.get(1) + "&after=" + ids.get(0)), 400, "invalid_request");
        assertProblem(messages(s.token(), c, "?before=m_nosuchmessage"), 404, "not_found");
        assertProblem(messages(s.token(), c, "?after=m_nosuchmessage"), 404, "not_found");
        assertProblem(messages(s.token(), c, "?after=" + otherIds.get(0)), 404, "not_found");
        assertProblem(messages(s.token(), c, "?before=%3Cscript%3E"), 404, "not_found");
    }

    @Test
    void theAdminConversationPagesItsMessagesToo() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, valid(widget, newUserId()));
        List<String> ids = conversationWith(s.token(), 5, new ArrayList<>());
        String c = api.conversationIds(s.token()).get(0);

        Response page = api.get("/v1/admin/conversations/" + c + "?limit=2&before=" + ids.get(3), widget.apiKey());
        assertThat(page.status()).isEqualTo(200);
        assertThat(texts(page)).containsExactly("m1", "m2");
        assertThat(page.json().path("hasMore").asBoolean()).isTrue();
        assertThat(page.json().path("messageCount").asInt()).isEqualTo(5);
        assertProblem(api.get("/v1/admin/conversations/" + c + "?limit=201", widget.apiKey()), 400, "invalid_request", "limit");
        assertProblem(api.get("/v1/admin/conversations/" + c + "?after=m_unknown", widget.apiKey()), 404, "not_found");

        GetConversationResponse viaGrpc = grpc(widget).getConversation(GetConversationRequest.newBuilder()
                .setConversationId(c).setLimit(2).setAfterMessageId(ids.get(0)).build());
        assertThat(viaGrpc.getMessagesList()).extracting(m -> m.getText()).containsExactly("m1", "m2");
        assertThat(viaGrpc.getHasMore()).isTrue();
        StatusRuntimeException unknown = grpcRefusal(() -> grpc(widget).getConversation(GetConversationRequest.newBuilder()
                .setConversationId(c).setBeforeMessageId("m_unknown").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        StatusRuntimeException both = grpcRefusal(() -> grpc(widget).getConversation(GetConversationRequest.newBuilder()
                .setConversationId(c).setBeforeMessageId(ids.get(1)).setAfterMessageId(ids.get(0)).build()));
        assertThat(both.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reasonAndField(both)).containsExactly("invalid_request", "after_message_id");
    }

    // ---- conversation lists and cursors ----

    @Test
    void conversationsPageWithCursorsNewestActivityFirst() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            started.add(api.startConversationOk(s.token(), "c" + i));
        }
        assertThat(api.postMessage(s.token(), started.get(0), "bump").status()).isEqualTo(201);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get("/v1/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + ApiClient.encode(cursor)),
                    s.token());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.json().path("conversations").forEach(c -> seen.add(c.path("id").asString()));
            cursor = page.text("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(started.get(0), started.get(4), started.get(3), started.get(2), started.get(1));
        assertProblem(api.get("/v1/conversations?limit=101", s.token()), 400, "invalid_request", "limit");
    }

    @Test
    void aTamperedOrBorrowedCursorIsInvalid() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);
        for (int i = 0; i < 3; i++) {
            api.startConversationOk(s.token(), "c" + i);
        }
        String cursor = api.get("/v1/conversations?limit=1", s.token()).text("nextCursor");
        assertThat(cursor).isNotNull();
        assertThat(api.get("/v1/conversations?limit=1&cursor=" + ApiClient.encode(cursor), s.token()).status()).isEqualTo(200);

        String edited = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        assertProblem(api.get("/v1/conversations?cursor=" + ApiClient.encode(edited), s.token()), 400, "invalid_request",
                "cursor");
        assertProblem(api.get("/v1/conversations?cursor=garbage", s.token()), 400, "invalid_request", "cursor");
        Session stranger = api.startOk(widget, null, null);
        assertProblem(api.get("/v1/conversations?cursor=" + ApiClient.encode(cursor), stranger.token()), 400,
                "invalid_request", "cursor");
    }

    // ---- admin user: capped look-up, sub-lists, users list cursors ----

    @Test
    void theAdminUserIsCappedAndItsSubListsPageWithCursors() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session s = null;
        for (int i = 0; i < 22; i++) {
            s = api.startOk(widget, null, valid(widget, userId)); // a new device each time
        }
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            conversations.add(api.startConversationOk(s.token(), "c" + i));
        }

        Response user = api.user(widget.workspace(), userId);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().path("visitors").size()).isEqualTo(20);
        assertThat(user.json().path("conversations").size()).isEqualTo(20);
        assertThat(user.json().path("visitorCount").asLong()).isEqualTo(22);
        assertThat(user.json().path("conversationCount").asLong()).isEqualTo(21);
        assertThat(user.json().path("conversations").get(0).path("id").asString()).isEqualTo(conversations.get(20));

        String base = "/v1/admin/users/" + ApiClient.encode(userId);
        List<String> visitors = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(base + "/visitors?limit=10" + (cursor == null ? "" : "&cursor=" + ApiClient.encode(cursor)),
                    widget.apiKey());
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.json().path("visitors").forEach(v -> visitors.add(v.path("id").asString()));
            cursor = page.text("nextCursor");
        } while (cursor != null);
        assertThat(visitors).hasSize(22).doesNotHaveDuplicates();

        Response firstConversations = api.get(base + "/conversations?limit=20", widget.apiKey());
        assertThat(firstConversations.json().path("conversations").size()).isEqualTo(20);
        String conversationCursor = firstConversations.text("nextCursor");
        Response rest = api.get(base + "/conversations?cursor=" + ApiClient.encode(conversationCursor), widget.apiKey());
        assertThat(rest.json().path("conversations").size()).isEqualTo(1);
        assertThat(rest.json().path("conversations").get(0).path("id").asString()).isEqualTo(conversations.get(0));
        assertThat(rest.json().path("nextCursor").isNull()).isTrue();

        // a cursor of the conversations list is not one of the visitors list, nor of another workspace
        assertProblem(api.get(base + "/visitors?cursor=" + ApiClient.encode(conversationCursor), widget.apiKey()), 400,
                "invalid_request", "cursor");
        Widget elsewhere = api.newWidget();
        api.startOk(elsewhere, null, valid(elsewhere, userId));
        assertProblem(api.get(base + "/conversations?cursor=" + ApiClient.encode(conversationCursor), elsewhere.apiKey()), 400,
                "invalid_request", "cursor");
        assertProblem(api.get(base + "/visitors?limit=0", widget.apiKey()), 400, "invalid_request", "limit");
        assertProblem(api.get("/v1/admin/users/nobody-" + newUserId() + "/visitors", widget.apiKey()), 404, "not_found");

        ListUserConversationsResponse grpcPage = grpc(widget).listUserConversations(ListUserConversationsRequest.newBuilder()
                .setExternalId(userId).setPageSize(20).build());
        assertThat(grpcPage.getConversationsCount()).isEqualTo(20);
        assertThat(grpc(widget).listUserConversations(ListUserConversationsRequest.newBuilder().setExternalId(userId)
                .setPageToken(grpcPage.getNextPageToken()).build()).getConversationsList())
                .extracting(c -> c.getId()).containsExactly(conversations.get(0));
        var grpcUser = grpc(widget).getUser(GetUserRequest.newBuilder().setExternalId(userId).build());
        assertThat(grpcUser.getVisitorsCount()).isEqualTo(20);
        assertThat(grpcUser.getVisitorCount()).isEqualTo(22);
        assertThat(grpcUser.getConversationCount()).isEqualTo(21);
        StatusRuntimeException borrowed = grpcRefusal(() -> grpc(widget).listUserConversations(
                ListUserConversationsRequest.newBuilder().setExternalId(userId).setPageToken(conversationCursor + "x").build()));
        assertThat(borrowed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reasonAndField(borrowed)).containsExactly("invalid_request", "page_token");
    }

    @Test
    void theUsersListCursorIsBoundToItsSearch() {
        Widget widget = api.newWidget();
        for (int i = 0; i < 3; i++) {
            api.startOk(widget, null, valid(widget, "list-" + i + "-" + newUserId()));
        }
        Response first = api.get("/v1/admin/users?q=list-&limit=1", widget.apiKey());
        String cursor = first.text("nextCursor");
        assertThat(cursor).isNotNull();
        assertThat(api.get("/v1/admin/users?q=list-&limit=1&cursor=" + ApiClient.encode(cursor), widget.apiKey()).status())
                .isEqualTo(200);
        assertProblem(api.get("/v1/admin/users?q=other&cursor=" + ApiClient.encode(cursor), widget.apiKey()), 400,
                "invalid_request", "cursor");
        assertProblem(api.get("/v1/admin/users?cursor=list-0", widget.apiKey()), 400, "invalid_request", "cursor");
    }

    // ---- erasure and export ----

    @Test
    void erasureKillsTheSessionsAndANewTokenMakesANewEmptyUser() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session anonymous = api.startOk(widget, null, null);
        api.startConversationOk(anonymous.token(), "before login");
        Session upgraded = api.startOk(widget, anonymous.visitorId(), valid(widget, userId));
        Session phone = api.startOk(widget, null, valid(widget, userId));
        api.startConversationOk(phone.token(), "from the phone");
        assertThat(api.conversationIds(upgraded.token())).hasSize(2);

        Response erased = api.delete("/v1/admin/users/" + ApiClient.encode(userId), widget.apiKey());

        assertThat(erased.status()).isEqualTo(204);
        assertThat(erased.body()).isEmpty();
        assertProblem(api.currentSession(upgraded.token()), 401, "unauthenticated");
        assertProblem(api.currentSession(phone.token()), 401, "unauthenticated");
        assertProblem(api.conversations(phone.token()), 401, "unauthenticated");
        assertProblem(api.user(widget.workspace(), userId), 404, "not_found");
        assertProblem(api.get("/v1/admin/users/" + ApiClient.encode(userId) + "/export", widget.apiKey()), 404, "not_found");
        assertProblem(api.delete("/v1/admin/users/" + ApiClient.encode(userId), widget.apiKey()), 404, "not_found");

        Session again = api.startOk(widget, upgraded.visitorId(), valid(widget, userId));
        assertThat(again.authenticated()).isTrue();
        assertThat(again.visitorId()).isNotEqualTo(upgraded.visitorId());
        assertThat(api.conversationIds(again.token())).isEmpty();
        Response fresh = api.user(widget.workspace(), userId);
        assertThat(fresh.json().path("visitorCount").asLong()).isEqualTo(1);
        assertThat(fresh.json().path("conversationCount").asLong()).isZero();
    }

    @Test
    void erasureIsPerWorkspaceAndUnknownUsersAreNotFound() {
        Widget widget = api.newWidget();
        Widget other = api.newWidget();
        String userId = newUserId();
        Session mine = api.startOk(widget, null, valid(widget, userId));
        Session theirs = api.startOk(other, null, valid(other, userId));

        assertProblem(api.delete("/v1/admin/users/" + ApiClient.encode("nobody-" + newUserId()), widget.apiKey()), 404,
                "not_found");
        assertThat(api.delete("/v1/admin/users/" + ApiClient.encode(userId), widget.apiKey()).status()).isEqualTo(204);

        assertProblem(api.currentSession(mine.token()), 401, "unauthenticated");
        assertThat(api.currentSession(theirs.token()).status()).isEqualTo(200);
        assertThat(api.user(other.workspace(), userId).status()).isEqualTo(200);
    }

    @Test
    void theExportHoldsProfileVisitorsAndEveryConversationWithItsMessagesInOrder() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session s = api.startOk(widget, null, VisitorTokens.sign(widget.secret(), VisitorTokens.claims(userId)
                .with("name", "Ann Export").with("customData", Map.of("plan", "pro"))));
        api.startOk(widget, null, valid(widget, userId));
        List<String> firstIds = conversationWith(s.token(), 3, new ArrayList<>());
        String first = api.conversationIds(s.token()).get(0);
        String second = api.startConversationOk(s.token(), "second");
        api.post("/v1/admin/conversations/" + first + "/messages", widget.apiKey(), Map.of("text", "agent reply"));

        Response export = api.get("/v1/admin/users/" + ApiClient.encode(userId) + "/export", widget.apiKey());

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/json");
        JsonNode doc = export.json();
        assertThat(doc.path("user").path("id").asString()).isEqualTo(userId);
        assertThat(doc.path("user").path("name").asString()).isEqualTo("Ann Export");
        assertThat(doc.path("user").path("customData").path("plan").asString()).isEqualTo("pro");
        assertThat(doc.path("visitors").size()).isEqualTo(2);
        JsonNode conversations = doc.path("conversations");
        assertThat(conversations.size()).isEqualTo(2);
        assertThat(conversations.get(0).path("id").asString()).isEqualTo(first);
        assertThat(conversations.get(1).path("id").asString()).isEqualTo(second);
        List<String> texts = new ArrayList<>();
        conversations.get(0).path("messages").forEach(m -> texts.add(m.path("text").asString()));
        assertThat(texts).containsExactly("m0", "m1", "m2", "agent reply");
        assertThat(conversations.get(0).path("messages").get(0).path("id").asString()).isEqualTo(firstIds.get(0));
        assertThat(conversations.get(0).path("messages").get(3).path("author").asString()).isEqualTo("agent");
        assertThat(conversations.get(1).path("messages").get(0).path("text").asString()).isEqualTo("second");

        Iterator<ExportUserResponse> stream = grpc(widget).exportUser(ExportUserRequest.newBuilder().setExternalId(userId).build());
        List<ExportUserResponse> items = new ArrayList<>();
        stream.forEachRemaining(items::add);
        assertThat(items).extracting(ExportUserResponse::getItemCase).containsExactly(
                ExportUserResponse.ItemCase.USER, ExportUserResponse.ItemCase.VISITOR, ExportUserResponse.ItemCase.VISITOR,
                ExportUserResponse.ItemCase.CONVERSATION, ExportUserResponse.ItemCase.MESSAGE,
                ExportUserResponse.ItemCase.MESSAGE, ExportUserResponse.ItemCase.MESSAGE, ExportUserResponse.ItemCase.MESSAGE,
                ExportUserResponse.ItemCase.CONVERSATION, ExportUserResponse.ItemCase.MESSAGE);
        assertThat(items.get(0).getUser().getName()).isEqualTo("Ann Export");
        assertThat(items.get(7).getMessage().getText()).isEqualTo("agent reply");
    }

    @Test
    void grpcDeleteUserErasesAndAnUnknownUserIsNotFound() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Session s = api.startOk(widget, null, valid(widget, userId));
        api.startConversationOk(s.token(), "hello");

        var erased = grpc(widget).deleteUser(DeleteUserRequest.newBuilder().setExternalId(userId).build());

        assertThat(erased.getVisitors()).isEqualTo(1);
        assertThat(erased.getConversations()).isEqualTo(1);
        assertThat(erased.getMessages()).isEqualTo(1);
        assertProblem(api.currentSession(s.token()), 401, "unauthenticated");
        StatusRuntimeException again = grpcRefusal(() -> grpc(widget).deleteUser(
                DeleteUserRequest.newBuilder().setExternalId(userId).build()));
        assertThat(again.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        StatusRuntimeException export = grpcRefusal(() -> grpc(widget).exportUser(
                ExportUserRequest.newBuilder().setExternalId(userId).build()).forEachRemaining(i -> { }));
        assertThat(export.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    private static StatusRuntimeException grpcRefusal(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    private static List<String> reasonAndField(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        for (var detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    ErrorInfo info = detail.unpack(ErrorInfo.class);
                    return List.of(info.getReason(), info.getMetadataOrDefault("claim", ""));
                } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                    throw new AssertionError(x);
                }
            }
        }
        return List.of();
    }
}
