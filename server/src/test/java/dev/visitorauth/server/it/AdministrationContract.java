package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.grpc.v1.ListConversationsRequest;
import dev.visitorauth.adapter.grpc.v1.ListConversationsResponse;
import dev.visitorauth.adapter.grpc.v1.ListWidgetsRequest;
import dev.visitorauth.adapter.grpc.v1.ListWidgetsResponse;
import dev.visitorauth.adapter.grpc.v1.RotateApiKeyRequest;
import dev.visitorauth.server.GrpcServerLifecycle;
import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Workspace;
import dev.visitorauth.testing.VisitorTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Running the workspace (spec sections 11 and 14) through the whole server: the widget list, API
 * key rotation with grace, the agent inbox; another workspace's data never shows; gRPC equivalents.
 */
@OnH2
class AdministrationContract extends ServerTestBase {
    @Autowired
    GrpcServerLifecycle grpcServer;

    private final GrpcClients grpcClients = new GrpcClients();

    @AfterEach
    void closeChannels() throws InterruptedException {
        grpcClients.close();
    }

    @Test
    void widgetsAreListedNewestFirstAcrossPagesAndOnlyTheWorkspacesOwn() {
        Workspace ws = api.createWorkspace();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(0, api.createWidget(ws).id());
        }
        api.newWidget(); // another workspace's

        Response first = api.get("/v1/admin/widgets?limit=2", ws.apiKey());
        Response second = api.get("/v1/admin/widgets?limit=2&cursor=" + ApiClient.encode(first.text("nextCursor")), ws.apiKey());

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        first.json().path("widgets").forEach(w -> seen.add(w.path("id").asString()));
        second.json().path("widgets").forEach(w -> seen.add(w.path("id").asString()));
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
        JsonNode widget = first.json().path("widgets").get(0);
        assertThat(widget.has("secret")).isFalse();
        assertThat(widget.path("policy").path("mode").asString()).isEqualTo("optional");
        Workspace other = api.createWorkspace();
        assertProblem(api.get("/v1/admin/widgets?cursor=" + ApiClient.encode(first.text("nextCursor")), other.apiKey()),
                400, "invalid_request", "cursor");
        assertProblem(api.get("/v1/admin/widgets?limit=101", ws.apiKey()), 400, "invalid_request", "limit");

        ListWidgetsResponse grpc = grpcClients.stub(grpcServer.getPort(), ws.apiKey())
                .listWidgets(ListWidgetsRequest.newBuilder().setPageSize(10).build());
        assertThat(grpc.getWidgetsList()).extracting(w -> w.getId()).containsExactlyElementsOf(created);
        assertThat(grpc.getNextPageToken()).isEmpty();
    }

    @Test
    void aRotatedApiKeyWorksAtOnceTheOldOneDuringItsGraceAndASecondRotationEndsIt() {
        Workspace ws = api.createWorkspace();

        Response rotated = api.post("/v1/admin/api-keys/rotate", ws.apiKey(), Map.of("graceSeconds", 3600));

        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        String second = rotated.text("apiKey");
        assertThat(second).isNotEqualTo(ws.apiKey());
        assertThat(api.get("/v1/admin/widgets", ws.apiKey()).status()).as("old key in its grace").isEqualTo(200);
        assertThat(api.get("/v1/admin/widgets", second).status()).isEqualTo(200);

        String third = grpcClients.stub(grpcServer.getPort(), second)
                .rotateApiKey(RotateApiKeyRequest.newBuilder().setGraceSeconds(60).build()).getApiKey();

        assertProblem(api.get("/v1/admin/widgets", ws.apiKey()), 401, "unauthenticated");
        assertThat(api.get("/v1/admin/widgets", second).status()).isEqualTo(200);
        assertThat(api.get("/v1/admin/widgets", third).status()).isEqualTo(200);
        String fourth = api.post("/v1/admin/api-keys/rotate", third, Map.of()).text("apiKey");
        assertProblem(api.get("/v1/admin/widgets", third), 401, "unauthenticated");
        assertProblem(api.get("/v1/admin/widgets", second), 401, "unauthenticated");
        assertThat(api.get("/v1/admin/widgets", fourth).status()).isEqualTo(200);
        assertProblem(api.post("/v1/admin/api-keys/rotate", fourth, Map.of("graceSeconds", 86_401)), 400, "invalid_request",
                "graceSeconds");
        assertProblem(api.post("/v1/admin/api-keys/rotate", fourth, Map.of("grace", 1)), 400, "invalid_request", "grace");
        assertThat(api.get("/v1/admin/widgets", fourth).status()).as("a refused rotation changes nothing").isEqualTo(200);
    }

    @Test
    void theInboxListsAnonymousAndUserConversationsNewestFirstWithOwnerAndPreview() {
        ApiClient.Widget widget = api.newWidget();
        ApiClient.Session visitor = api.startOk(widget, null, null);
        String anonymous = api.startConversationOk(visitor.token(), "hello from a visitor\nmore");
        String externalId = VisitorTokens.newUserId();
        ApiClient.Session user = api.startOk(widget, null, ApiClient.valid(widget, externalId));
        String users = api.startConversationOk(user.token(), "hello from a user");
        ApiClient.Widget foreign = api.newWidget();
        api.startConversationOk(api.startOk(foreign, null, null).token(), "not yours");

        Response inbox = api.get("/v1/admin/conversations", widget.apiKey());

        assertThat(inbox.status()).as("%s", inbox).isEqualTo(200);
        JsonNode items = inbox.json().path("conversations");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("id").asString()).isEqualTo(users);
        assertThat(items.get(0).path("owner").path("kind").asString()).isEqualTo("user");
        assertThat(items.get(0).path("owner").path("id").asString()).isEqualTo(externalId);
        assertThat(items.get(1).path("id").asString()).isEqualTo(anonymous);
        assertThat(items.get(1).path("owner").path("kind").asString()).isEqualTo("visitor");
        assertThat(items.get(1).path("owner").path("id").asString()).isEqualTo(visitor.visitorId());
        assertThat(items.get(1).path("owner").path("name").isNull()).isTrue();
        assertThat(items.get(1).path("preview").asString()).isEqualTo("hello from a visitor");
        assertThat(items.get(1).path("messageCount").asInt()).isEqualTo(1);
        assertThat(inbox.json().path("nextCursor").isNull()).isTrue();

        Response visitorsOnly = api.get("/v1/admin/conversations?owner=visitor&limit=1", widget.apiKey());
        assertThat(visitorsOnly.json().path("conversations")).hasSize(1);
        assertProblem(api.get("/v1/admin/conversations?owner=agent", widget.apiKey()), 400, "invalid_request", "owner");
        Response first = api.get("/v1/admin/conversations?limit=1", widget.apiKey());
        String cursor = ApiClient.encode(first.text("nextCursor"));
        assertThat(api.get("/v1/admin/conversations?limit=1&cursor=" + cursor, widget.apiKey()).json()
                .path("conversations").get(0).path("id").asString()).isEqualTo(anonymous);
        assertProblem(api.get("/v1/admin/conversations?owner=user&cursor=" + cursor, widget.apiKey()), 400,
                "invalid_request", "cursor");
        assertProblem(api.get("/v1/admin/conversations?cursor=" + cursor, foreign.apiKey()), 400, "invalid_request", "cursor");

        ListConversationsResponse grpc = grpcClients.stub(grpcServer.getPort(), widget.apiKey())
                .listConversations(ListConversationsRequest.newBuilder().setOwner("visitor").build());
        assertThat(grpc.getConversationsList()).extracting(c -> c.getId()).containsExactly(anonymous);
        assertThat(grpc.getConversations(0).getPreview()).isEqualTo("hello from a visitor");
        assertThat(grpc.getConversations(0).hasOwnerName()).isFalse();
        StatusRuntimeException bad = Assertions.assertThrows(StatusRuntimeException.class, () -> grpcClients
                .stub(grpcServer.getPort(), widget.apiKey())
                .listConversations(ListConversationsRequest.newBuilder().setOwner("agent").build()));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
}
