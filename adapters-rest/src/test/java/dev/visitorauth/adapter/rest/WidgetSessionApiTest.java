package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WidgetSessionApiTest extends ApiTest {

    @Test
    void returnsTheSessionWithoutItsToken() {
        String widget = newWidget(newWorkspace());
        Session alice = login(widget, "alice", null);

        Response r = get("/v1/session", alice.token());

        assertThat(r.status()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.has("sessionToken")).isFalse();
        assertThat(json.get("visitorId").stringValue()).isEqualTo(alice.visitorId());
        assertThat(json.get("status").stringValue()).isEqualTo("authenticated");
        assertThat(json.get("expiresAt").stringValue()).isEqualTo(alice.json().get("expiresAt").stringValue());
        assertThat(json.get("user")).isEqualTo(alice.json().get("user"));
    }

    @Test
    void refusesAMissingBearerWithWwwAuthenticate() {
        Response r = get("/v1/session", null);

        assertProblem(r, 401, "unauthenticated");
        assertThat(r.header("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void refusesAnUnknownSessionToken() {
        Response r = get("/v1/session", "ws_nope.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertProblem(r, 401, "unauthenticated");
        assertThat(r.header("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void endsTheSession() {
        String widget = newWidget(newWorkspace());
        Session s = anonymous(widget);

        Response r = delete("/v1/session", s.token());

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertProblem(get("/v1/session", s.token()), 401, "unauthenticated");
    }

    @Test
    void refusesSessionRequestsFromAnOriginTheWidgetDoesNotAllow() {
        String widget = newWidget(newWorkspace(), "\"allowedOrigins\":[\"https://shop.example.com\"]");
        Session s = start(widget, "{}", "Origin", "https://shop.example.com");

        assertProblem(get("/v1/session", s.token(), "Origin", "https://evil.example.net"), 403, "origin_not_allowed");
        assertProblem(get("/v1/conversations", s.token(), "Origin", "https://evil.example.net"), 403, "origin_not_allowed");
        assertProblem(post("/v1/conversations", s.token(), "{\"text\":\"hi\"}", "Origin", "https://evil.example.net"), 403,
                "origin_not_allowed");
        assertThat(get("/v1/session", s.token(), "Origin", "https://shop.example.com").status()).isEqualTo(200);
        assertThat(get("/v1/session", s.token()).status()).isEqualTo(200);
    }

    @Test
    void startsAConversationWithItsFirstMessage() {
        String widget = newWidget(newWorkspace());
        Session s = anonymous(widget);

        Response r = post("/v1/conversations", s.token(), "{\"text\":\"Hello\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("id").stringValue()).isNotBlank();
        assertThat(Instant.parse(c.get("createdAt").stringValue())).isNotNull();
        assertThat(c.get("lastMessageAt").stringValue()).isEqualTo(c.get("createdAt").stringValue());
        assertThat(c.get("messageCount").intValue()).isEqualTo(1);
        assertThat(c.get("messages").size()).isEqualTo(1);
        JsonNode m = c.get("messages").get(0);
        assertThat(m.get("id").stringValue()).isNotBlank();
        assertThat(m.get("text").stringValue()).isEqualTo("Hello");
        assertThat(m.get("author").stringValue()).isEqualTo("visitor");
        assertThat(m.get("authenticated").booleanValue()).isFalse();
        assertThat(Instant.parse(m.get("createdAt").stringValue())).isNotNull();
    }

    @Test
    void postsMessagesAndListsThemOldestFirst() {
        String widget = newWidget(newWorkspace());
        Session s = login(widget, "alice", null);
        String conversation = say(s, "one");

        Response posted = post("/v1/conversations/" + conversation + "/messages", s.token(), "{\"text\":\"two\"}");
        post("/v1/conversations/" + conversation + "/messages", s.token(), "{\"text\":\"three\"}");
        Response listed = get("/v1/conversations/" + conversation + "/messages", s.token());

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("text").stringValue()).isEqualTo("two");
        assertThat(posted.json().get("authenticated").booleanValue()).isTrue();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("messages").values()).extracting(m -> m.get("text").stringValue())
                .containsExactly("one", "two", "three");
    }

    @Test
    void listsConversationsNewestFirst() {
        String widget = newWidget(newWorkspace());
        Session s = anonymous(widget);
        String older = say(s, "first");
        String newer = say(s, "second");

        Response r = get("/v1/conversations", s.token());

        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> conversations = List.copyOf(r.json().get("conversations").values());
        assertThat(conversations).extracting(c -> c.get("id").stringValue()).containsExactly(newer, older);
        JsonNode first = conversations.get(0);
        assertThat(first.get("messageCount").intValue()).isEqualTo(1);
        assertThat(first.has("createdAt")).isTrue();
        assertThat(first.has("lastMessageAt")).isTrue();
    }

    @Test
    void refusesAnotherVisitorsConversation() {
        String widget = newWidget(newWorkspace());
        String theirs = say(anonymous(widget), "mine");
        Session other = anonymous(widget);

        assertProblem(get("/v1/conversations/" + theirs + "/messages", other.token()), 403, "forbidden");
        assertProblem(post("/v1/conversations/" + theirs + "/messages", other.token(), "{\"text\":\"hi\"}"), 403,
                "forbidden");
    }

    @Test
    void answersNotFoundForAnUnknownConversation() {
        Session s = anonymous(newWidget(newWorkspace()));

        assertProblem(get("/v1/conversations/c_nothing/messages", s.token()), 404, "not_found");
    }

    @Test
    void refusesMessageTextThatIsMissingBlankOrNotAString() {
        Session s = anonymous(newWidget(newWorkspace()));

        assertThat(assertProblem(post("/v1/conversations", s.token(), "{\"text\":5}"), 400, "invalid_request")
                .get("claim").stringValue()).isEqualTo("text");
        assertThat(assertProblem(post("/v1/conversations", s.token(), "{}"), 400, "invalid_request")
                .get("claim").stringValue()).isEqualTo("text");
        assertThat(assertProblem(post("/v1/conversations", s.token(), "{\"text\":\"   \"}"), 400, "invalid_request")
                .get("claim").stringValue()).isEqualTo("text");
    }

    @Test
    void showsAnAgentsReplyToTheVisitor() {
        Workspace ws = newWorkspace();
        Session s = anonymous(newWidget(ws));
        String conversation = say(s, "Help?");

        Response reply = post("/v1/admin/conversations/" + conversation + "/messages", ws.apiKey(), "{\"text\":\"Sure\"}");
        Response listed = get("/v1/conversations/" + conversation + "/messages", s.token());

        assertThat(reply.status()).isEqualTo(201);
        JsonNode last = listed.json().get("messages").get(1);
        assertThat(last.get("text").stringValue()).isEqualTo("Sure");
        assertThat(last.get("author").stringValue()).isEqualTo("agent");
        assertThat(last.get("authenticated").booleanValue()).isTrue();
    }
}
