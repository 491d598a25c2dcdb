package dev.visitorauth.server.it;

import static dev.visitorauth.server.it.ApiClient.valid;
import static dev.visitorauth.testing.VisitorTokens.claims;
import static dev.visitorauth.testing.VisitorTokens.newUserId;
import static dev.visitorauth.testing.VisitorTokens.sign;
import static dev.visitorauth.testing.VisitorTokens.signatureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Session;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.testing.VisitorTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Secret rotation with and without grace, profile updates (overwrite, clear, keep, customData
 * merge, the older-iat rule), the per-widget failure log, and the token inspector.
 */
@OnH2
class SecretsProfilesAndDiagnosticsContract extends ServerTestBase {

    // ---- rotation ----

    @Test
    void rotationWithGraceKeepsTheOldSecretVerifying() {
        Widget old = api.newWidget();
        Widget rotated = api.rotateOk(old, 3600L);

        assertThat(api.start(old, null, valid(old, newUserId())).status()).as("old secret, no kid").isEqualTo(201);
        assertThat(api.start(old, null, sign(old.secret(), old.keyId(), claims(newUserId()))).status())
                .as("old secret, its kid").isEqualTo(201);
        assertThat(api.start(old, null, sign(rotated.secret(), rotated.keyId(), claims(newUserId()))).status())
                .as("new secret, its kid").isEqualTo(201);
        assertThat(api.start(old, null, valid(rotated, newUserId())).status()).as("new secret, no kid").isEqualTo(201);
    }

    @Test
    void theOldSecretIsRotatedOnceItsGraceIsOver() {
        Widget old = api.newWidget();
        api.rotateOk(old, 1L);

        advanceServerClock(Duration.ofSeconds(2));

        assertProblem(api.start(old, null, valid(old, newUserId())), 401, "secret_rotated");
        assertProblem(api.start(old, null, sign(old.secret(), old.keyId(), claims(newUserId()))), 401, "secret_rotated", "kid");
    }

    @Test
    void rotationMakesTheNewSecretCurrentAtOnce() {
        Widget old = api.newWidget();

        Widget rotated = api.rotateOk(old, 3600L);

        Response secret = api.get("/v1/admin/widgets/" + old.id() + "/secret", old.apiKey());
        assertThat(secret.text("secret")).isEqualTo(rotated.secret());
        assertThat(secret.text("keyId")).isEqualTo(rotated.keyId());
        assertThat(api.get("/v1/admin/widgets/" + old.id(), old.apiKey()).text("keyId")).isEqualTo(rotated.keyId());
        assertThat(rotated.secret()).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void rotationWithoutGraceRefusesTheOldSecretAsRotated() {
        Widget old = api.newWidget();
        Widget rotated = api.rotateOk(old, null);

        String oldToken = valid(old, newUserId());
        assertTokenRefused(api.start(old, null, oldToken), "secret_rotated", oldToken);
        assertProblem(api.start(old, null, sign(old.secret(), old.keyId(), claims(newUserId()))), 401, "secret_rotated", "kid");
        assertThat(api.start(old, null, valid(rotated, newUserId())).status()).isEqualTo(201);
    }

    @Test
    void aSecretRotatedOutSeveralRotationsAgoIsStillDiagnosedAsRotated() {
        Widget first = api.newWidget();
        Widget current = first;
        for (int i = 0; i < 4; i++) {
            current = api.rotateOk(current, 0L);
        }

        assertProblem(api.start(first, null, valid(first, newUserId())), 401, "secret_rotated");
        assertThat(api.start(first, null, valid(current, newUserId())).status()).isEqualTo(201);
    }

    @Test
    void aRotationCarriesNoSessionAway() {
        Widget widget = api.newWidget();
        Session s = api.startOk(widget, null, valid(widget, newUserId()));

        api.rotateOk(widget, null);

        assertThat(api.currentSession(s.token()).status()).isEqualTo(200);
    }

    // ---- profiles ----

    @Test
    void presentClaimsOverwriteEmptyStringsClearAndAbsentClaimsStay() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        api.startOk(widget, null, sign(widget.secret(), claims(userId).times(-2, 30).with("name", "Ada")
                .with("email", "ada@example.com").with("avatar", "https://cdn.example.com/ada.png")
                .with("companyId", 7).with("companyName", "Engines Ltd")));

        Session s = api.startOk(widget, null, sign(widget.secret(), claims(userId).times(-1, 30).with("name", "Ada Lovelace")
                .with("email", "").with("companyName", "")));

        JsonNode user = s.user();
        assertThat(ApiClient.text(user, "name")).isEqualTo("Ada Lovelace");
        assertThat(user.path("email").isNull()).as("\"\" clears email").isTrue();
        assertThat(user.path("companyName").isNull()).as("\"\" clears companyName").isTrue();
        assertThat(ApiClient.text(user, "avatar")).as("absent: kept").isEqualTo("https://cdn.example.com/ada.png");
        assertThat(ApiClient.text(user, "companyId")).as("absent: kept").isEqualTo("7");
        Response admin = api.user(widget.workspace(), userId);
        assertThat(admin.text("name")).isEqualTo("Ada Lovelace");
        assertThat(admin.json().path("email").isNull()).isTrue();
        assertThat(admin.text("avatar")).isEqualTo("https://cdn.example.com/ada.png");
    }

    @Test
    void customDataIsMergedKeyByKey() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        Map<String, Object> first = new HashMap<>();
        first.put("plan", "pro");
        first.put("seats", 3.0);
        first.put("beta", true);
        api.startOk(widget, null, sign(widget.secret(), claims(userId).times(-2, 30).with("customData", first)));
        Map<String, Object> second = new HashMap<>();
        second.put("plan", "team");
        second.put("beta", null);
        second.put("region", "eu");

        Session s = api.startOk(widget, null, sign(widget.secret(), claims(userId).times(-1, 30).with("customData", second)));

        Map<String, String> expected = Map.of("plan", "team", "seats", "3.0", "region", "eu");
        assertThat(customData(s.user())).isEqualTo(expected);
        assertThat(customData(api.user(widget.workspace(), userId).json())).isEqualTo(expected);
    }

    @Test
    void customDataValuesKeepTheirJsonText() {
        Widget widget = api.newWidget();
        String token = signRawClaims(widget, "{\"id\":\"" + newUserId() + "\",\"exp\":" + (Instant.now().getEpochSecond() + 30)
                + ",\"customData\":{\"ratio\":3.0,\"big\":12345678901234567890,\"on\":false}}");

        Session s = api.startOk(widget, null, token);

        assertThat(customData(s.user())).isEqualTo(Map.of("ratio", "3.0", "big", "12345678901234567890", "on", "false"));
    }

    @Test
    void aTokenWithAnOlderIatStartsTheSessionButNeverOverwritesTheProfile() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        api.startOk(widget, null, sign(widget.secret(), claims(userId).times(0, 30).with("name", "Newer")));

        Session s = api.startOk(widget, null, sign(widget.secret(), claims(userId).times(-20, 30).with("name", "Older")));

        assertThat(s.authenticated()).isTrue();
        assertThat(api.user(widget.workspace(), userId).text("name")).isEqualTo("Newer");
    }

    @Test
    void equalOrMissingIatAppliesAndMissingIatKeepsTheLastAppliedOne() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        long iat = Instant.now().getEpochSecond() - 5;
        api.startOk(widget, null, sign(widget.secret(), claims(userId).with("iat", iat).with("name", "A")));

        api.startOk(widget, null, sign(widget.secret(), claims(userId).with("iat", iat).with("name", "B")));
        assertThat(api.user(widget.workspace(), userId).text("name")).as("equal iat applies").isEqualTo("B");

        api.startOk(widget, null, sign(widget.secret(), claims(userId).without("iat").with("name", "C")));
        assertThat(api.user(widget.workspace(), userId).text("name")).as("no iat applies").isEqualTo("C");

        api.startOk(widget, null, sign(widget.secret(), claims(userId).with("iat", iat - 10).with("name", "D")));
        assertThat(api.user(widget.workspace(), userId).text("name")).as("older than the last applied iat").isEqualTo("C");
    }

    // ---- failure log ----

    @Test
    void failuresAreRecordedPerWidgetNewestFirstWithCodeClaimKidOriginAndVerifiedIat() {
        Widget widget = api.newWidget();
        Widget sibling = api.createWidget(widget.workspace());
        String forged = sign(VisitorTokens.STRANGER_SECRET, widget.keyId(), claims(newUserId()));
        long iat = Instant.now().getEpochSecond() - 400;
        String expired = sign(widget.secret(), claims(newUserId()).with("iat", iat).with("exp", iat + 60));
        String malformed = "not-a-token";
        api.start(widget, null, forged);
        api.start(widget, null, expired, "Origin", "https://shop.example.com");
        api.start(widget, null, malformed);
        api.start(sibling, null, valid(widget, newUserId()));

        Response log = api.authFailures(widget);

        assertThat(log.status()).isEqualTo(200);
        JsonNode failures = log.json().path("failures");
        assertThat(failures).hasSize(3);
        assertThat(failures.valueStream().map(f -> ApiClient.text(f, "code")).toList())
                .containsExactly("malformed_token", "token_expired", "invalid_signature");
        JsonNode expiredEntry = failures.get(1);
        assertThat(ApiClient.text(expiredEntry, "claim")).isEqualTo("exp");
        assertThat(ApiClient.text(expiredEntry, "origin")).isEqualTo("https://shop.example.com");
        assertThat(Instant.parse(ApiClient.text(expiredEntry, "iat")).getEpochSecond()).isEqualTo(iat);
        JsonNode forgedEntry = failures.get(2);
        assertThat(ApiClient.text(forgedEntry, "kid")).isEqualTo(widget.keyId());
        assertThat(forgedEntry.path("iat").isNull()).as("iat of an unverified token is never recorded").isTrue();
        assertThat(Instant.parse(ApiClient.text(forgedEntry, "at"))).isBeforeOrEqualTo(Instant.now());
        assertThat(log.json().path("countsByCode").path("invalid_signature").asInt()).isEqualTo(1);
        assertThat(log.json().path("countsByCode").path("token_expired").asInt()).isEqualTo(1);
        assertThat(api.authFailures(sibling).json().path("failures")).hasSize(1);
    }

    @Test
    void theFailureLogNeverHoldsTheTokenOrItsSignature() {
        Widget widget = api.newWidget();
        String forged = sign(VisitorTokens.STRANGER_SECRET, claims(newUserId()).with("name", "Mallory"));
        String expired = sign(widget.secret(), claims(newUserId()).times(-400, -300).with("name", "Eve"));
        String badClaim = sign(widget.secret(), claims(newUserId()).with("email", "eve at example"));
        List<String> tokens = List.of(forged, expired, badClaim);
        tokens.forEach(t -> api.start(widget, null, t));

        Response log = api.authFailures(widget);

        assertThat(log.json().path("failures")).hasSize(3);
        for (String token : tokens) {
            assertThat(log.body()).doesNotContain(token).doesNotContain(signatureOf(token))
                    .doesNotContain(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')));
        }
        assertThat(log.body()).doesNotContain("Mallory").doesNotContain("Eve").doesNotContain("eve at example");
    }

    @Test
    void aSuccessfulStartRecordsNoFailure() {
        Widget widget = api.newWidget();

        api.startOk(widget, null, valid(widget, newUserId()));
        api.startOk(widget, null, null);

        Response log = api.authFailures(widget);
        assertThat(log.json().path("failures")).isEmpty();
        assertThat(log.json().path("countsByCode")).isEmpty();
    }

    // ---- token inspection ----

    @Test
    void inspectionConsumesNoJtiAndThenShowsTheReplay() {
        Widget widget = api.newWidget();
        String userId = newUserId();
        String token = sign(widget.secret(), claims(userId).jti().with("name", "Ada"));

        Response before = api.inspect(widget, token);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().path("valid").asBoolean()).isTrue();
        assertThat(before.json().path("code").isNull()).isTrue();
        assertThat(before.text("keyId")).isEqualTo(widget.keyId());
        assertThat(before.text("header", "alg")).isEqualTo("HS256");
        assertThat(before.text("claims", "id")).isEqualTo(userId);
        assertThat(before.json().path("checks").valueStream().allMatch(c -> c.path("passed").asBoolean())).isTrue();
        assertThat(api.inspect(widget, token).json().path("valid").asBoolean()).as("a second inspection").isTrue();

        assertThat(api.start(widget, null, token).status()).isEqualTo(201);
        assertProblem(api.start(widget, null, token), 401, "token_replayed", "jti");

        Response after = api.inspect(widget, token);
        assertThat(after.json().path("valid").asBoolean()).isFalse();
        assertThat(after.text("code")).isEqualTo("token_replayed");
        assertThat(after.text("claim")).isEqualTo("jti");
        assertThat(after.json().path("checks").valueStream().anyMatch(c -> !c.path("passed").asBoolean())).isTrue();
    }

    @Test
    void inspectionReportsTheFailedRuleAndRecordsNothing() {
        Widget widget = api.newWidget();
        String expired = sign(widget.secret(), claims(newUserId()).times(-400, -300));
        String forged = sign(VisitorTokens.STRANGER_SECRET, claims(newUserId()));

        Response expiredInspection = api.inspect(widget, expired);
        Response forgedInspection = api.inspect(widget, forged);

        assertThat(expiredInspection.status()).isEqualTo(200);
        assertThat(expiredInspection.json().path("valid").asBoolean()).isFalse();
        assertThat(expiredInspection.text("code")).isEqualTo("token_expired");
        assertThat(expiredInspection.text("claim")).isEqualTo("exp");
        assertThat(forgedInspection.text("code")).isEqualTo("invalid_signature");
        assertThat(forgedInspection.json().path("keyId").isNull()).isTrue();
        assertThat(api.authFailures(widget).json().path("failures")).as("inspections are not failures").isEmpty();
    }

    @Test
    void inspectionSaysWhichSecretMatched() {
        Widget old = api.newWidget();
        Widget rotated = api.rotateOk(old, 600L);

        assertThat(api.inspect(old, valid(old, newUserId())).text("keyId")).isEqualTo(old.keyId());
        assertThat(api.inspect(old, valid(rotated, newUserId())).text("keyId")).isEqualTo(rotated.keyId());
    }

    @Test
    void inspectionChangesNothing() {
        Widget widget = api.newWidget();
        String userId = newUserId();

        api.inspect(widget, valid(widget, userId));

        assertProblem(api.user(widget.workspace(), userId), 404, "not_found");
    }

    private static Map<String, String> customData(JsonNode user) {
        Map<String, String> values = new HashMap<>();
        user.path("customData").properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
        return values;
    }

    private static String signRawClaims(Widget widget, String payloadJson) {
        return VisitorTokens.signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloadJson, widget.secret());
    }
}
