package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.b64;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static dev.visitorauth.testing.VisitorTokens.signRaw;
import static dev.visitorauth.testing.VisitorTokens.signRawWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.server.it.ApiClient.Workspace;
import dev.visitorauth.testing.VisitorTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error code of spec section 5 that REST can produce (except {@code rate_limited} and
 * {@code unavailable}, which need servers of their own, and {@code token_required}, which
 * {@code SessionStartContract} checks with the required mode), with its status and RFC 9457 body,
 * by one path each. Each token refusal is also checked not to echo the token. The token refusals of
 * {@code GrpcRestParityTest} (expired, bad signature, {@code alg: none}, unknown {@code kid}, no
 * {@code id}, too long a lifetime, a replayed {@code jti}) are that test's, on both transports.
 */
@OnH2
class ErrorContract extends ServerTestBase {
    private static final String HS256_JWT = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private Response startWith(Widget widget, String token) {
        return api.start(widget, null, token);
    }

    // ---- size and form ----

    @ParameterizedTest
    @ValueSource(strings = {"not-a-jwt", "two.segments", "a.b.c.d.e", "eyJhbGciOiJIUzI1NiJ9.e30=.abc", "{\"payload\":\"e30\"}"})
    void aTokenThatIsNotACompactJwsIsMalformed(String token) {
        Widget widget = api.newWidget();

        assertTokenRefused(startWith(widget, token), "malformed_token", token);
    }

    @Test
    void aTruncatedSignatureIsMalformed() {
        Widget widget = api.newWidget();
        String token = valid(widget, newUserId());
        String truncated = token.substring(0, token.length() - 2);

        Response r = assertTokenRefused(startWith(widget, truncated), "malformed_token", truncated);

        assertThat(r.text("claim")).isEqualTo("signature");
    }

    @Test
    void aPayloadWithDuplicateMembersIsMalformedEvenWhenSigned() {
        Widget widget = api.newWidget();
        long now = java.time.Instant.now().getEpochSecond();
        String token = signRaw(HS256_JWT, "{\"id\":\"a\",\"id\":\"b\",\"exp\":" + (now + 30) + "}", widget.secret());

        assertTokenRefused(startWith(widget, token), "malformed_token", token);
    }

    @Test
    void aTokenOver8KiBIsTooLarge() {
        Widget widget = api.newWidget();
        String token = sign(widget.secret(), claims(newUserId()).with("name", "x".repeat(9000)));

        assertTokenRefused(startWith(widget, token), "token_too_large", token);
    }

    // ---- header ----

    @Test
    void hs512IsAnUnsupportedAlgorithmEvenWithTheWidgetSecret() {
        Widget widget = api.newWidget();
        String token = signRawWith("HmacSHA512", "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims(newUserId()).json(),
                widget.secret());

        Response r = assertTokenRefused(startWith(widget, token), "unsupported_algorithm", token);

        assertThat(r.text("claim")).isEqualTo("alg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"crit", "cty", "jku", "b64"})
    void anyHeaderMemberBesidesAlgTypAndKidIsAnUnsupportedToken(String member) {
        Widget widget = api.newWidget();
        String value = switch (member) {
            case "crit" -> "[]";
            case "b64" -> "false";
            case "jku" -> "\"https://attacker.example/jwks.json\"";
            default -> "\"JWT\"";
        };
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"" + member + "\":" + value + "}",
                claims(newUserId()).json(), widget.secret());

        Response r = assertTokenRefused(startWith(widget, token), "unsupported_token", token);

        assertThat(r.text("claim")).isEqualTo(member);
    }

    @Test
    void aTypOtherThanJwtIsAnUnsupportedToken() {
        Widget widget = api.newWidget();
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", claims(newUserId()).json(), widget.secret());

        assertProblem(startWith(widget, token), 401, "unsupported_token", "typ");
    }

    // ---- signature ----

    @Test
    void aTokenBothExpiredAndBadlySignedIsReportedAsInvalidSignature() {
        Widget widget = api.newWidget();
        String token = sign(VisitorTokens.STRANGER_SECRET, claims(newUserId()).times(-3600, -3000));

        Response r = assertTokenRefused(startWith(widget, token), "invalid_signature", token);

        assertThat(r.json().has("claim")).as("nothing of an unverified payload is reported").isFalse();
    }

    @Test
    void aTokenSignedWithARotatedOutSecretIsSecretRotated() {
        Widget widget = api.newWidget();
        String oldToken = valid(widget, newUserId());
        String oldKidToken = sign(widget.secret(), widget.keyId(), claims(newUserId()));
        api.rotateOk(widget, null);

        assertTokenRefused(startWith(widget, oldToken), "secret_rotated", oldToken);
        assertProblem(startWith(widget, oldKidToken), 401, "secret_rotated", "kid");
    }

    // ---- times ----

    @Test
    void aTokenWithoutExpIsMissingExpiration() {
        Widget widget = api.newWidget();
        String token = sign(widget.secret(), claims(newUserId()).without("exp"));

        assertTokenRefused(startWith(widget, token), "missing_expiration", token);
    }

    @Test
    void anExpThatIsNotANumberIsAnInvalidClaim() {
        Widget widget = api.newWidget();
        String token = sign(widget.secret(), claims(newUserId()).with("exp", "123"));

        assertProblem(startWith(widget, token), 401, "invalid_claim", "exp");
    }

    @Test
    void anExpPassedWithinTheSkewIsAccepted() {
        Widget widget = api.newWidget();
        String token = sign(widget.secret(), claims(newUserId()).times(-40, -10));

        assertThat(startWith(widget, token).status()).isEqualTo(201);
    }

    @Test
    void anNbfInTheFutureIsNotYetValid() {
        Widget widget = api.newWidget();
        long now = java.time.Instant.now().getEpochSecond();
        String token = sign(widget.secret(), claims(newUserId()).with("nbf", now + 120).with("exp", now + 150));

        assertProblem(startWith(widget, token), 401, "token_not_yet_valid", "nbf");
    }

    @Test
    void anExpMinusIatOverTheWidgetsMaximumIsALifetimeTooLong() {
        Widget widget = api.newWidget(Map.of("maxTokenLifetimeSeconds", 60));
        String token = sign(widget.secret(), claims(newUserId()).times(-50, 50));

        assertTokenRefused(startWith(widget, token), "token_lifetime_too_long", token);
    }

    // ---- replay and claims ----

    @Test
    void aWidgetThatRequiresJtiRefusesATokenWithoutOne() {
        Widget widget = api.newWidget(Map.of("requireJti", true));
        String token = valid(widget, newUserId());

        assertProblem(startWith(widget, token), 401, "missing_claim", "jti");
        assertThat(startWith(widget, sign(widget.secret(), claims(newUserId()).jti())).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "avatar", "customData", "id", "name", "companyId", "aud"})
    void aClaimBreakingItsRuleIsAnInvalidClaimNamingIt(String claim) {
        Widget widget = api.newWidget();
        Object value = switch (claim) {
            case "email" -> "not an email";
            case "avatar" -> "javascript:alert(1)";
            case "customData" -> Map.of("nested", Map.of("a", "b"));
            case "id" -> "";
            case "name" -> 42;
            case "companyId" -> 1.5;
            default -> "wgt_someOtherWidget";
        };
        String token = sign(widget.secret(), claims(newUserId()).with(claim, value));

        Response r = assertTokenRefused(startWith(widget, token), "invalid_claim", token);

        assertThat(r.text("claim")).as("the claim, or a pointer inside it").matches(java.util.regex.Pattern.quote(claim) + "(\\..+)?");
    }

    @Test
    void anAudienceNamingTheWidgetIsAccepted() {
        Widget widget = api.newWidget();
        String token = sign(widget.secret(), claims(newUserId()).with("aud", List.of("other", widget.id())));

        assertThat(startWith(widget, token).status()).isEqualTo(201);
    }

    // ---- widget and origin ----

    @Test
    void anUnknownWidgetIsWidgetNotFound() {
        assertProblem(api.start("wgt_doesNotExist0123456789", null, null), 404, "widget_not_found");
        assertProblem(api.start("bad!widget", null, null), 404, "widget_not_found");
    }

    @Test
    void aBrowserOriginNotInTheWidgetsListIsRefused() {
        Widget widget = api.newWidget(Map.of("allowedOrigins", List.of("https://shop.example.com")));

        assertProblem(api.start(widget, null, null, "Origin", "https://evil.example.com"), 403, "origin_not_allowed");

        Response allowed = api.start(widget, null, null, "Origin", "https://shop.example.com");
        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isPresent();
        assertThat(api.start(widget, null, null).status()).as("no Origin: a server, not subject to the list").isEqualTo(201);
    }

    @Test
    void aSessionUsedFromAnOriginTheWidgetDoesNotAllowIsRefused() {
        Widget widget = api.newWidget(Map.of("allowedOrigins", List.of("https://shop.example.com")));
        Session s = api.startOk(widget, null, null, "Origin", "https://shop.example.com");

        assertProblem(api.currentSession(s.token(), "Origin", "https://evil.example.com"), 403, "origin_not_allowed");
        assertThat(api.currentSession(s.token(), "Origin", "https://shop.example.com").status()).isEqualTo(200);
    }

    // ---- requests ----

    @Test
    void aStartBodyMemberOfTheWrongTypeIsAnInvalidRequestNamingIt() {
        Widget widget = api.newWidget();
        String path = "/v1/widgets/" + widget.id() + "/sessions";

        assertProblem(api.post(path, null, Map.of("visitorId", 42)), 400, "invalid_request", "visitorId");
        assertProblem(api.post(path, null, Map.of("visitorToken", true)), 400, "invalid_request", "visitorToken");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsAnInvalidRequest() {
        Widget widget = api.newWidget();
        String path = "/v1/widgets/" + widget.id() + "/sessions";

        assertProblem(api.post(path, null, "[1, 2]"), 400, "invalid_request", "body");
        assertProblem(api.post(path, null, "{\"visitorId\": "), 400, "invalid_request");
    }

    @Test
    void protocolErrorsKeepTheirStatusAndCarryInvalidRequest() {
        Widget widget = api.newWidget();
        String path = "/v1/widgets/" + widget.id() + "/sessions";

        assertProblem(api.send("POST", path, null, "visitorId=x", "Content-Type", "text/plain"), 415, "invalid_request");
        Response wrongMethod = assertProblem(api.send("PUT", path, null, "{}"), 405, "invalid_request");
        assertThat(wrongMethod.header("Allow")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
        assertProblem(api.post(path, null, "{\"visitorToken\":\"" + "a".repeat(300 * 1024) + "\"}"), 413, "request_too_large");
    }

    @Test
    void aVisitorIdThisServiceCannotHaveIssuedIsAnInvalidRequest() {
        Widget widget = api.newWidget();

        assertProblem(api.start(widget, "not a visitor id!", null), 400, "invalid_request", "visitorId");
    }

    @Test
    void adminRequestsWithBadParametersAreInvalidRequestsNamingThem() {
        Widget widget = api.newWidget();

        assertProblem(api.post("/v1/admin/widgets", widget.apiKey(), Map.of("name", "w", "mode", "sometimes")), 400,
                "invalid_request", "mode");
        assertProblem(api.patchWidget(widget, Map.of("maxTokenLifetimeSeconds", 0)), 400, "invalid_request",
                "maxTokenLifetimeSeconds");
        assertProblem(api.rotate(widget, 86_401L), 400, "invalid_request", "graceSeconds");
        assertProblem(api.get("/v1/admin/users?limit=0", widget.apiKey()), 400, "invalid_request", "limit");
        assertProblem(api.post("/v1/admin/widgets/" + widget.id() + "/token-inspections", widget.apiKey(), Map.of()), 400,
                "invalid_request", "token");
    }

    @Test
    void aMessageWithoutTextIsAnInvalidRequest() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);

        assertProblem(api.post("/v1/conversations", s.token(), Map.of()), 400, "invalid_request", "text");
        assertProblem(api.startConversation(s.token(), "   "), 400, "invalid_request", "text");
    }

    // ---- credentials ----

    @Test
    void widgetCallsWithoutALiveSessionAreUnauthenticated() {
        Response none = assertProblem(api.get("/v1/session", null), 401, "unauthenticated");
        assertThat(none.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(api.get("/v1/conversations", "st_madeUpToken"), 401, "unauthenticated");
    }

    @Test
    void adminCallsWithoutAValidApiKeyAreUnauthenticated() {
        Widget widget = api.newWidget();

        assertProblem(api.get("/v1/admin/widgets/" + widget.id(), null), 401, "unauthenticated");
        assertProblem(api.get("/v1/admin/widgets/" + widget.id(), widget.apiKey() + "x"), 401, "unauthenticated");
        assertProblem(api.get("/v1/admin/no-such-thing", "wrong"), 401, "unauthenticated");
    }

    @Test
    void creatingAWorkspaceNeedsTheSystemKey() {
        Workspace workspace = api.createWorkspace();

        assertProblem(api.post("/v1/workspaces", workspace.apiKey(), Map.of("name", "x")), 401, "unauthenticated");
        assertProblem(api.post("/v1/workspaces", null, Map.of("name", "x")), 401, "unauthenticated");
    }

    @Test
    void aConversationOfAnotherVisitorIsForbidden() {
        Widget widget = api.newWidget();
        Session owner = api.startOk(widget, null, null);
        String conversation = api.startConversationOk(owner.token(), "mine");
        Session stranger = api.startOk(widget, null, null);

        assertProblem(api.messages(stranger.token(), conversation), 403, "forbidden");
    }

    @Test
    void whatDoesNotExistIsNotFound() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, null);

        assertProblem(api.messages(s.token(), "c_doesNotExist0123"), 404, "not_found");
        assertProblem(api.user(widget.workspace(), "nobody-" + newUserId()), 404, "not_found");
        assertProblem(api.adminConversation(widget.workspace(), "c_doesNotExist0123"), 404, "not_found");
        assertProblem(api.get("/v1/no-such-path", null), 404, "not_found");
    }
}
