package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.rest.testapp.RestTestApplication;
import dev.visitorauth.domain.error.ErrorCode;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class AdminApiTest extends ApiTest {

    // ---- workspaces and keys ----

    @Test
    void createsAWorkspaceWithTheSystemKey() {
        Response r = post("/v1/workspaces", RestTestApplication.SYSTEM_KEY, "{\"name\":\"Acme\"}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode json = r.json();
        assertThat(json.get("id").stringValue()).isNotBlank();
        assertThat(json.get("name").stringValue()).isEqualTo("Acme");
        assertThat(json.get("apiKey").stringValue()).startsWith(json.get("id").stringValue() + ".");
    }

    @Test
    void refusesWorkspaceCreationWithoutTheSystemKey() {
        Response wrong = post("/v1/workspaces", "not-the-system-key-at-all", "{\"name\":\"Acme\"}");
        Response missing = post("/v1/workspaces", null, "{\"name\":\"Acme\"}");
        Response workspaceKey = post("/v1/workspaces", newWorkspace().apiKey(), "{\"name\":\"Acme\"}");

        assertProblem(wrong, 401, "unauthenticated");
        assertThat(wrong.header("WWW-Authenticate")).contains("Bearer");
        assertProblem(missing, 401, "unauthenticated");
        assertProblem(workspaceKey, 401, "unauthenticated");
    }

    @Test
    void checksTheSystemKeyBeforeTheBody() {
        assertProblem(post("/v1/workspaces", "wrong", "{not json"), 401, "unauthenticated");
    }

    @Test
    void refusesAWorkspaceWithoutAName() {
        JsonNode problem = assertProblem(post("/v1/workspaces", RestTestApplication.SYSTEM_KEY, "{}"), 400, "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo("name");
    }

    @Test
    void refusesAdminRequestsWithoutAValidApiKey() {
        Response missing = get("/v1/admin/users", null);
        Response wrong = get("/v1/admin/users", "ws_x.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Response system = get("/v1/admin/users", RestTestApplication.SYSTEM_KEY);
        Response unknownPath = get("/v1/admin/nothing-here", null);

        assertProblem(missing, 401, "unauthenticated");
        assertThat(missing.header("WWW-Authenticate")).contains("Bearer");
        assertProblem(wrong, 401, "unauthenticated");
        assertProblem(system, 401, "unauthenticated");
        assertProblem(unknownPath, 401, "unauthenticated");
    }

    @Test
    void checksTheApiKeyBeforeTheBody() {
        assertProblem(post("/v1/admin/widgets", null, "{not json"), 401, "unauthenticated");
    }

    // ---- widgets ----

    @Test
    void createsAWidgetWithDefaultsAndItsSecret() {
        Workspace ws = newWorkspace();

        Response r = post("/v1/admin/widgets", ws.apiKey(), "{\"name\":\"Support\"}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode w = r.json();
        assertThat(w.get("id").stringValue()).isNotBlank();
        assertThat(r.header("Location")).contains("/v1/admin/widgets/" + w.get("id").stringValue());
        assertThat(w.get("name").stringValue()).isEqualTo("Support");
        assertThat(w.get("keyId").stringValue()).isNotBlank();
        assertThat(w.get("secret").stringValue()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(w.get("policy").get("mode").stringValue()).isEqualTo("optional");
        assertThat(w.get("policy").get("maxTokenLifetimeSeconds").longValue()).isEqualTo(600);
        assertThat(w.get("policy").get("clockSkewSeconds").longValue()).isEqualTo(30);
        assertThat(w.get("policy").get("requireJti").booleanValue()).isFalse();
        assertThat(w.get("allowedOrigins").isArray()).isTrue();
        assertThat(w.get("allowedOrigins").isEmpty()).isTrue();
        assertThat(Instant.parse(w.get("createdAt").stringValue())).isNotNull();
        assertThat(r.header("Cache-Control")).contains("no-store");
    }

    @Test
    void createsAWidgetWithEverySetting() {
        Workspace ws = newWorkspace();

        Response r = post("/v1/admin/widgets", ws.apiKey(), """
                {"name":"Shop","mode":"observe","maxTokenLifetimeSeconds":120,"clockSkewSeconds":5,"requireJti":true,
                 "allowedOrigins":["https://shop.example.com","http://localhost:3000"]}""");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode policy = r.json().get("policy");
        assertThat(policy.get("mode").stringValue()).isEqualTo("observe");
        assertThat(policy.get("maxTokenLifetimeSeconds").longValue()).isEqualTo(120);
        assertThat(policy.get("clockSkewSeconds").longValue()).isEqualTo(5);
        assertThat(policy.get("requireJti").booleanValue()).isTrue();
        assertThat(r.json().get("allowedOrigins").values()).extracting(JsonNode::stringValue)
                .containsExactly("https://shop.example.com", "http://localhost:3000");
    }

    @Test
    void getsAWidgetWithoutItsSecret() {
        Workspace ws = newWorkspace();
        JsonNode created = post("/v1/admin/widgets", ws.apiKey(), "{\"name\":\"Support\"}").json();

        Response r = get("/v1/admin/widgets/" + created.get("id").stringValue(), ws.apiKey());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("secret")).isFalse();
        assertThat(r.body()).doesNotContain(created.get("secret").stringValue());
        assertThat(r.json().get("keyId")).isEqualTo(created.get("keyId"));
        assertThat(r.json().get("policy")).isEqualTo(created.get("policy"));
        assertThat(r.json().get("createdAt")).isEqualTo(created.get("createdAt"));
    }

    @Test
    void patchesOnlyTheMembersSent() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws, "\"clockSkewSeconds\":10");

        Response r = patch("/v1/admin/widgets/" + widget, ws.apiKey(), "{\"mode\":\"required\",\"maxTokenLifetimeSeconds\":60}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().has("secret")).isFalse();
        assertThat(r.json().get("name").stringValue()).isEqualTo("Support");
        JsonNode policy = r.json().get("policy");
        assertThat(policy.get("mode").stringValue()).isEqualTo("required");
        assertThat(policy.get("maxTokenLifetimeSeconds").longValue()).isEqualTo(60);
        assertThat(policy.get("clockSkewSeconds").longValue()).isEqualTo(10);
    }

    @Test
    void acceptsAnEmptyPatch() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);

        assertThat(send("PATCH", "/v1/admin/widgets/" + widget, null, "Authorization", "Bearer " + ws.apiKey()).status())
                .isEqualTo(200);
    }

    static Stream<Arguments> settingsOfTheWrongType() {
        return Stream.of(
                Arguments.of("{\"name\":false}", "name"),
                Arguments.of("{\"mode\":5}", "mode"),
                Arguments.of("{\"maxTokenLifetimeSeconds\":\"600\"}", "maxTokenLifetimeSeconds"),
                Arguments.of("{\"maxTokenLifetimeSeconds\":1.5}", "maxTokenLifetimeSeconds"),
                Arguments.of("{\"clockSkewSeconds\":true}", "clockSkewSeconds"),
                Arguments.of("{\"clockSkewSeconds\":99999999999999999999999}", "clockSkewSeconds"),
                Arguments.of("{\"requireJti\":\"yes\"}", "requireJti"),
                Arguments.of("{\"allowedOrigins\":\"https://shop.example.com\"}", "allowedOrigins"),
                Arguments.of("{\"allowedOrigins\":[1]}", "allowedOrigins"));
    }

    @ParameterizedTest
    @MethodSource("settingsOfTheWrongType")
    void refusesAPatchMemberOfTheWrongTypeNamingIt(String body, String member) {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);

        JsonNode problem = assertProblem(patch("/v1/admin/widgets/" + widget, ws.apiKey(), body), 400, "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo(member);
    }

    @Test
    void refusesAWidgetWithoutAName() {
        JsonNode problem = assertProblem(post("/v1/admin/widgets", newWorkspace().apiKey(), "{\"mode\":\"optional\"}"), 400,
                "invalid_request");

        assertThat(problem.get("claim").stringValue()).isEqualTo("name");
    }

    // ---- secrets ----

    @Test
    void revealsTheCurrentSecret() {
        Workspace ws = newWorkspace();
        JsonNode created = post("/v1/admin/widgets", ws.apiKey(), "{\"name\":\"Support\"}").json();

        Response r = get("/v1/admin/widgets/" + created.get("id").stringValue() + "/secret", ws.apiKey());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("secret")).isEqualTo(created.get("secret"));
        assertThat(r.json().get("keyId")).isEqualTo(created.get("keyId"));
        assertThat(r.json().size()).isEqualTo(2);
    }

    @Test
    void rotatesTheSecret() {
        Workspace ws = newWorkspace();
        JsonNode created = post("/v1/admin/widgets", ws.apiKey(), "{\"name\":\"Support\"}").json();
        String widget = created.get("id").stringValue();

        Response rotated = post("/v1/admin/widgets/" + widget + "/secret/rotate", ws.apiKey(), "{\"graceSeconds\":60}");
        Response again = post("/v1/admin/widgets/" + widget + "/secret/rotate", ws.apiKey(), null);

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("keyId")).isNotEqualTo(created.get("keyId"));
        assertThat(rotated.json().get("secret")).isNotEqualTo(created.get("secret"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(get("/v1/admin/widgets/" + widget + "/secret", ws.apiKey()).json()).isEqualTo(again.json());
        assertThat(get("/v1/admin/widgets/" + widget, ws.apiKey()).json().get("keyId")).isEqualTo(again.json().get("keyId"));
    }

    @Test
    void refusesABadGracePeriodNamingIt() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);

        for (String body : new String[] {"{\"graceSeconds\":-1}", "{\"graceSeconds\":86401}", "{\"graceSeconds\":\"60\"}"}) {
            JsonNode problem = assertProblem(post("/v1/admin/widgets/" + widget + "/secret/rotate", ws.apiKey(), body), 400,
                    "invalid_request");
            assertThat(problem.get("claim").stringValue()).isEqualTo("graceSeconds");
        }
    }

    // ---- users ----

    @Test
    void getsAUserWithVisitorsAndConversations() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);
        Session laptop = login(widget, "alice", null);
        Session phone = login(widget, "alice", null);
        String older = say(laptop, "one");
        String newer = say(phone, "two");

        Response r = get("/v1/admin/users/alice", ws.apiKey());

        assertThat(r.status()).isEqualTo(200);
        JsonNode u = r.json();
        assertThat(u.get("id").stringValue()).isEqualTo("alice");
        for (String member : new String[] {"name", "email", "avatar", "companyId", "companyName"}) {
            assertThat(u.get(member).isNull()).as(member).isTrue();
        }
        assertThat(u.get("customData").isObject()).isTrue();
        assertThat(Instant.parse(u.get("createdAt").stringValue())).isNotNull();
        assertThat(Instant.parse(u.get("updatedAt").stringValue())).isNotNull();
        assertThat(u.get("visitors").values()).extracting(v -> v.get("id").stringValue())
                .containsExactlyInAnyOrder(laptop.visitorId(), phone.visitorId());
        JsonNode visitor = u.get("visitors").get(0);
        assertThat(visitor.has("createdAt")).isTrue();
        assertThat(visitor.has("lastSeenAt")).isTrue();
        assertThat(u.get("conversations").values()).extracting(c -> c.get("id").stringValue()).containsExactly(newer, older);
        assertThat(u.get("conversations").get(0).get("messageCount").intValue()).isEqualTo(1);
    }

    @Test
    void answersNotFoundForAnUnknownUser() {
        assertProblem(get("/v1/admin/users/nobody", newWorkspace().apiKey()), 404, "not_found");
    }

    @Test
    void listsAndPagesUsers() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);
        for (String id : new String[] {"ann", "bea", "cid"}) {
            login(widget, id, null);
        }

        JsonNode all = get("/v1/admin/users", ws.apiKey()).json();
        JsonNode page1 = get("/v1/admin/users?limit=2", ws.apiKey()).json();
        JsonNode page2 = get("/v1/admin/users?limit=2&cursor=" + page1.get("nextCursor").stringValue(), ws.apiKey()).json();
        JsonNode search = get("/v1/admin/users?q=BE", ws.apiKey()).json();

        assertThat(all.get("users").values()).extracting(u -> u.get("id").stringValue()).containsExactly("ann", "bea", "cid");
        assertThat(all.has("nextCursor")).isTrue();
        assertThat(all.get("nextCursor").isNull()).isTrue();
        assertThat(all.get("users").get(0).has("visitors")).isFalse();
        assertThat(all.get("users").get(0).has("createdAt")).isTrue();
        assertThat(page1.get("users").values()).extracting(u -> u.get("id").stringValue()).containsExactly("ann", "bea");
        assertThat(page2.get("users").values()).extracting(u -> u.get("id").stringValue()).containsExactly("cid");
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        assertThat(search.get("users").values()).extracting(u -> u.get("id").stringValue()).containsExactly("bea");
    }

    @Test
    void refusesABadUserListLimitNamingIt() {
        Workspace ws = newWorkspace();

        for (String limit : new String[] {"abc", "0", "101", "-1", "99999999999"}) {
            JsonNode problem = assertProblem(get("/v1/admin/users?limit=" + limit, ws.apiKey()), 400, "invalid_request");
            assertThat(problem.get("claim").stringValue()).as(limit).isEqualTo("limit");
        }
    }

    // ---- conversations ----

    @Test
    void getsAConversationOwnedByAUser() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);
        Session anonymous = anonymous(widget);
        String conversation = say(anonymous, "anonymous words");
        Session alice = login(widget, "alice", anonymous.visitorId());
        post("/v1/conversations/" + conversation + "/messages", alice.token(), "{\"text\":\"verified words\"}");

        Response r = get("/v1/admin/conversations/" + conversation, ws.apiKey());

        assertThat(r.status()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.get("id").stringValue()).isEqualTo(conversation);
        assertThat(c.get("messageCount").intValue()).isEqualTo(2);
        assertThat(c.has("createdAt")).isTrue();
        assertThat(c.has("lastMessageAt")).isTrue();
        assertThat(c.get("owner").get("type").stringValue()).isEqualTo("user");
        assertThat(c.get("owner").get("user").get("id").stringValue()).isEqualTo("alice");
        assertThat(c.get("owner").get("user").has("createdAt")).isTrue();
        assertThat(c.get("messages").values()).extracting(m -> m.get("authenticated").booleanValue()).containsExactly(false, true);
        assertThat(c.get("messages").get(0).get("author").stringValue()).isEqualTo("visitor");
    }

    @Test
    void getsAConversationOwnedByAnAnonymousVisitor() {
        Workspace ws = newWorkspace();
        Session s = anonymous(newWidget(ws));
        String conversation = say(s, "hello");

        JsonNode owner = get("/v1/admin/conversations/" + conversation, ws.apiKey()).json().get("owner");

        assertThat(owner.get("type").stringValue()).isEqualTo("visitor");
        assertThat(owner.get("visitorId").stringValue()).isEqualTo(s.visitorId());
        assertThat(owner.has("user")).isFalse();
    }

    @Test
    void postsAnAgentsReply() {
        Workspace ws = newWorkspace();
        String conversation = say(anonymous(newWidget(ws)), "hello");

        Response r = post("/v1/admin/conversations/" + conversation + "/messages", ws.apiKey(), "{\"text\":\"How can I help?\"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("text").stringValue()).isEqualTo("How can I help?");
        assertThat(r.json().get("author").stringValue()).isEqualTo("agent");
        assertThat(r.json().get("authenticated").booleanValue()).isTrue();
        assertThat(r.json().has("id")).isTrue();
        assertThat(r.json().has("createdAt")).isTrue();
        JsonNode problem = assertProblem(post("/v1/admin/conversations/" + conversation + "/messages", ws.apiKey(),
                "{\"text\":[\"x\"]}"), 400, "invalid_request");
        assertThat(problem.get("claim").stringValue()).isEqualTo("text");
    }

    // ---- auth failures and token inspection ----

    @Test
    void listsAuthFailuresNewestFirstWithCountsPerCode() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);
        String expired = "{\"visitorToken\":\"" + tokens.refusedToken(ErrorCode.TOKEN_EXPIRED, "exp") + "\"}";
        String badSignature = "{\"visitorToken\":\"" + tokens.refusedToken(ErrorCode.INVALID_SIGNATURE, "signature") + "\"}";
        startRaw(widget, expired, "Origin", "https://shop.example.com");
        startRaw(widget, expired);
        startRaw(widget, badSignature);

        JsonNode all = get("/v1/admin/widgets/" + widget + "/auth-failures", ws.apiKey()).json();
        JsonNode one = get("/v1/admin/widgets/" + widget + "/auth-failures?limit=1", ws.apiKey()).json();

        assertThat(all.get("failures").values()).extracting(f -> f.get("code").stringValue())
                .containsExactly("invalid_signature", "token_expired", "token_expired");
        JsonNode oldest = all.get("failures").get(2);
        assertThat(Instant.parse(oldest.get("at").stringValue())).isNotNull();
        assertThat(oldest.get("claim").stringValue()).isEqualTo("exp");
        assertThat(oldest.get("origin").stringValue()).isEqualTo("https://shop.example.com");
        assertThat(oldest.get("kid").stringValue()).isEqualTo("kid-1");
        assertThat(oldest.has("iat")).isTrue();
        assertThat(oldest.get("iat").isNull()).isTrue();
        assertThat(all.get("failures").get(0).get("origin").isNull()).isTrue();
        assertThat(all.get("countsByCode").get("token_expired").longValue()).isEqualTo(2);
        assertThat(all.get("countsByCode").get("invalid_signature").longValue()).isEqualTo(1);
        assertThat(one.get("failures").size()).isEqualTo(1);
        assertThat(one.get("countsByCode")).isEqualTo(all.get("countsByCode"));
        assertThat(assertProblem(get("/v1/admin/widgets/" + widget + "/auth-failures?limit=x", ws.apiKey()), 400,
                "invalid_request").get("claim").stringValue()).isEqualTo("limit");
    }

    @Test
    void inspectsAValidToken() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);
        String token = tokens.tokenFor("alice", Instant.now());

        Response r = post("/v1/admin/widgets/" + widget + "/token-inspections", ws.apiKey(), "{\"token\":\"" + token + "\"}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("valid").booleanValue()).isTrue();
        for (String member : new String[] {"code", "claim", "keyId", "header", "claims"}) {
            assertThat(json.has(member)).as(member).isTrue();
            assertThat(json.get(member).isNull()).as(member).isTrue();
        }
        JsonNode check = json.get("checks").get(0);
        assertThat(check.get("name").stringValue()).isEqualTo("fake");
        assertThat(check.get("passed").booleanValue()).isTrue();
        assertThat(check.get("detail").stringValue()).isNotBlank();
    }

    @Test
    void inspectsAFailingTokenWithoutRecordingIt() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);
        String token = tokens.refusedToken(ErrorCode.INVALID_CLAIM, "email");

        Response r = post("/v1/admin/widgets/" + widget + "/token-inspections", ws.apiKey(), "{\"token\":\"" + token + "\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("valid").booleanValue()).isFalse();
        assertThat(r.json().get("code").stringValue()).isEqualTo("invalid_claim");
        assertThat(r.json().get("claim").stringValue()).isEqualTo("email");
        assertThat(r.json().get("checks").get(0).get("passed").booleanValue()).isFalse();
        assertThat(get("/v1/admin/widgets/" + widget + "/auth-failures", ws.apiKey()).json().get("failures").isEmpty()).isTrue();
    }

    @Test
    void refusesAnInspectionWithoutAStringToken() {
        Workspace ws = newWorkspace();
        String widget = newWidget(ws);

        for (String body : new String[] {"{\"token\":5}", "{}"}) {
            JsonNode problem = assertProblem(post("/v1/admin/widgets/" + widget + "/token-inspections", ws.apiKey(), body),
                    400, "invalid_request");
            assertThat(problem.get("claim").stringValue()).isEqualTo("token");
        }
    }

    // ---- tenants ----

    @Test
    void keepsEveryWorkspaceToItself() {
        Workspace a = newWorkspace();
        String widget = newWidget(a);
        Session alice = login(widget, "alice", null);
        String conversation = say(alice, "hello");
        String b = newWorkspace().apiKey();

        assertProblem(get("/v1/admin/widgets/" + widget, b), 404, "widget_not_found");
        assertProblem(patch("/v1/admin/widgets/" + widget, b, "{\"mode\":\"observe\"}"), 404, "widget_not_found");
        assertProblem(get("/v1/admin/widgets/" + widget + "/secret", b), 404, "widget_not_found");
        assertProblem(post("/v1/admin/widgets/" + widget + "/secret/rotate", b, "{}"), 404, "widget_not_found");
        assertProblem(get("/v1/admin/widgets/" + widget + "/auth-failures", b), 404, "widget_not_found");
        assertProblem(post("/v1/admin/widgets/" + widget + "/token-inspections", b, "{\"token\":\"x\"}"), 404,
                "widget_not_found");
        assertProblem(get("/v1/admin/users/alice", b), 404, "not_found");
        assertProblem(get("/v1/admin/conversations/" + conversation, b), 404, "not_found");
        assertProblem(post("/v1/admin/conversations/" + conversation + "/messages", b, "{\"text\":\"hi\"}"), 404, "not_found");
        assertThat(get("/v1/admin/users", b).json().get("users").isEmpty()).isTrue();
        assertThat(get("/v1/admin/widgets/" + widget, a.apiKey()).json().get("policy").get("mode").stringValue())
                .isEqualTo("optional");
    }
}
