package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.it.ApiClient.Response;
import dev.visitorauth.server.it.ApiClient.Widget;
import dev.visitorauth.server.it.ApiClient.Workspace;
import dev.visitorauth.testing.VisitorTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctJwkGenerator;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Public-key management over HTTP (spec sections 12 and 14) on the whole server: JWKs made by
 * jose4j's generators, read by the server's jose4j parser, kept in the database with the keyring.
 */
@OnH2
class WidgetKeysContract extends ServerTestBase {

    /** A JWK's members as the request body's {@code jwk} object. */
    static Map<String, Object> members(JsonWebKey key, JsonWebKey.OutputControlLevel level, Map<String, Object> extra) {
        try {
            Map<String, Object> members = new LinkedHashMap<>(JsonUtil.parseJson(key.toJson(level)));
            members.putAll(extra);
            return members;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> publicMembers(JsonWebKey key, Map<String, Object> extra) {
        return members(key, JsonWebKey.OutputControlLevel.PUBLIC_ONLY, extra);
    }

    static PublicJsonWebKey p256() {
        try {
            return EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    Response addKey(Widget widget, Object jwk) {
        return api.post("/v1/admin/widgets/" + widget.id() + "/keys", widget.apiKey(), Map.of("jwk", jwk));
    }

    String addKeyOk(Widget widget, Object jwk) {
        Response r = addKey(widget, jwk);
        assertThat(r.status()).as("add key: %s", r).isEqualTo(201);
        return r.text("keyId");
    }

    Response deleteKey(Widget widget, String keyId) {
        return api.delete("/v1/admin/widgets/" + widget.id() + "/keys/" + ApiClient.encode(keyId), widget.apiKey());
    }

    JsonNode keys(Widget widget) {
        return api.get("/v1/admin/widgets/" + widget.id(), widget.apiKey()).json().path("keys");
    }

    @Test
    void anUploadedP256KeyIsKeptUnderItsKidAndListedWithTheWidget() {
        Widget widget = api.newWidget();

        String keyId = addKeyOk(widget, publicMembers(p256(), Map.of("kid", "shop-2026-12")));

        assertThat(keyId).isEqualTo("shop-2026-12");
        JsonNode keys = keys(widget);
        assertThat(keys).hasSize(1);
        assertThat(ApiClient.text(keys.get(0), "keyId")).isEqualTo("shop-2026-12");
        assertThat(ApiClient.text(keys.get(0), "kty")).isEqualTo("EC");
        assertThat(ApiClient.text(keys.get(0), "alg")).isEqualTo("ES256");
        assertThat(ApiClient.text(keys.get(0), "createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(api.get("/v1/admin/widgets/" + widget.id(), widget.apiKey()).json().path("jwksUrl").isNull()).isTrue();
    }

    @Test
    void keysWithoutKidGetAnAssignedIdAndEveryAcceptedTypeIsListedOldestFirst() throws JoseException {
        Widget widget = api.newWidget();

        String rsa = addKeyOk(widget, publicMembers(RsaJwkGenerator.generateJwk(2048), Map.of()));
        String ed = addKeyOk(widget, publicMembers(OkpJwkGenerator.generateJwk("Ed25519"), Map.of()));
        String ps = addKeyOk(widget, publicMembers(RsaJwkGenerator.generateJwk(2048), Map.of("alg", "PS256", "use", "sig")));

        assertThat(rsa).startsWith("pk_").isNotEqualTo(ed);
        JsonNode keys = keys(widget);
        assertThat(keys).hasSize(3);
        assertThat(ApiClient.text(keys.get(0), "keyId")).isEqualTo(rsa);
        assertThat(ApiClient.text(keys.get(0), "alg")).isEqualTo("RS256,PS256");
        assertThat(ApiClient.text(keys.get(1), "kty")).isEqualTo("OKP");
        assertThat(ApiClient.text(keys.get(1), "alg")).isEqualTo("EdDSA");
        assertThat(ApiClient.text(keys.get(2), "keyId")).isEqualTo(ps);
        assertThat(ApiClient.text(keys.get(2), "alg")).isEqualTo("PS256");
    }

    @Test
    void aPrivateJwkIsRefusedWithoutEchoingItsPrivateParts() {
        Widget widget = api.newWidget();
        PublicJsonWebKey pair = p256();
        Map<String, Object> withPrivate = members(pair, JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE, Map.of());

        Response r = assertProblem(addKey(widget, withPrivate), 400, "invalid_request", "jwk");

        assertThat(r.body()).doesNotContain((String) withPrivate.get("d"));
        assertThat(keys(widget)).isEmpty();
    }

    @Test
    void keysTheWidgetMayNotUseAreRefusedNamingJwk() throws JoseException {
        Widget widget = api.newWidget();

        assertProblem(addKey(widget, publicMembers(RsaJwkGenerator.generateJwk(1024), Map.of())), 400, "invalid_request", "jwk");
        assertProblem(addKey(widget, members(OctJwkGenerator.generateJwk(256), JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC,
                Map.of())), 400, "invalid_request", "jwk");
        assertProblem(addKey(widget, publicMembers(EcJwkGenerator.generateJwk(EllipticCurves.P384), Map.of())), 400,
                "invalid_request", "jwk");
        assertProblem(addKey(widget, publicMembers(p256(), Map.of("alg", "RS256"))), 400, "invalid_request", "jwk");
        assertProblem(addKey(widget, Map.of("kty", "EC")), 400, "invalid_request", "jwk");
        assertProblem(addKey(widget, "{\"kty\":\"EC\"}"), 400, "invalid_request", "jwk");
        assertThat(keys(widget)).isEmpty();
    }

    @Test
    void aKidAlreadyInTheKeyringIsRefused() {
        Widget widget = api.newWidget();
        addKeyOk(widget, publicMembers(p256(), Map.of("kid", "taken")));

        assertProblem(addKey(widget, publicMembers(p256(), Map.of("kid", widget.keyId()))), 400, "invalid_request", "jwk");
        assertProblem(addKey(widget, publicMembers(p256(), Map.of("kid", "taken"))), 400, "invalid_request", "jwk");
        assertThat(keys(widget)).hasSize(1);
    }

    @Test
    void aDeletedKeyIsGoneAndASecondDeleteIsNotFound() {
        Widget widget = api.newWidget();
        String kid = "rotate:2026-12;v=1+eu";
        addKeyOk(widget, publicMembers(p256(), Map.of("kid", kid)));
        String kept = addKeyOk(widget, publicMembers(p256(), Map.of()));

        Response deleted = deleteKey(widget, kid);

        assertThat(deleted.status()).as("delete: %s", deleted).isEqualTo(204);
        assertThat(keys(widget)).hasSize(1);
        assertThat(ApiClient.text(keys(widget).get(0), "keyId")).isEqualTo(kept);
        assertProblem(deleteKey(widget, kid), 404, "not_found");
        assertProblem(deleteKey(widget, widget.keyId()), 404, "not_found");
        assertThat(api.get("/v1/admin/widgets/" + widget.id() + "/secret", widget.apiKey()).text("keyId")).isEqualTo(widget.keyId());
    }

    @Test
    void anotherWorkspaceCannotAddListOrDeleteKeys() {
        Widget widget = api.newWidget();
        addKeyOk(widget, publicMembers(p256(), Map.of("kid", "mine")));
        Workspace other = api.createWorkspace();
        String path = "/v1/admin/widgets/" + widget.id();

        assertProblem(api.post(path + "/keys", other.apiKey(), Map.of("jwk", publicMembers(p256(), Map.of()))), 404,
                "widget_not_found");
        assertProblem(api.delete(path + "/keys/mine", other.apiKey()), 404, "widget_not_found");
        assertProblem(api.patch(path, other.apiKey(), Map.of("jwksUrl", "https://evil.example.com/jwks")), 404,
                "widget_not_found");
        assertThat(keys(widget)).hasSize(1);
        assertThat(api.get(path, widget.apiKey()).json().path("jwksUrl").isNull()).isTrue();
    }

    @Test
    void aJwksUrlIsSetOnCreateKeptByOtherChangesAndRemovedByNull() {
        Widget widget = api.newWidget(Map.of("jwksUrl", "https://idp.example.com/.well-known/jwks.json"));
        String path = "/v1/admin/widgets/" + widget.id();
        assertThat(api.get(path, widget.apiKey()).text("jwksUrl")).isEqualTo("https://idp.example.com/.well-known/jwks.json");

        assertThat(api.patchWidget(widget, Map.of("name", "Renamed")).text("jwksUrl"))
                .isEqualTo("https://idp.example.com/.well-known/jwks.json");
        Map<String, Object> remove = new LinkedHashMap<>();
        remove.put("jwksUrl", null);
        Response removed = api.patchWidget(widget, remove);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().has("jwksUrl")).isTrue();
        assertThat(removed.json().path("jwksUrl").isNull()).isTrue();
        assertThat(api.get(path, widget.apiKey()).json().path("jwksUrl").isNull()).isTrue();
    }

    @Test
    void aPlainHttpJwksUrlIsRefusedWhilePrivateOutboundIsOff() {
        Widget widget = api.newWidget();

        assertProblem(api.patchWidget(widget, Map.of("jwksUrl", "http://127.0.0.1:9/jwks")), 400, "invalid_request", "jwksUrl");
        assertProblem(api.post("/v1/admin/widgets", widget.apiKey(), Map.of("name", "x", "jwksUrl", "https://user:pw@idp.example.com/")),
                400, "invalid_request", "jwksUrl");
        assertThat(api.get("/v1/admin/widgets/" + widget.id(), widget.apiKey()).json().path("jwksUrl").isNull()).isTrue();
    }

    // ---- end to end: an uploaded key verifies tokens, and never acts as an HMAC secret ----

    static String es256(PublicJsonWebKey key, String kid, VisitorTokens.Claims claims) {
        return VisitorTokens.es256(key.getPrivateKey(), kid, claims);
    }

    /**
     * The acceptance path over REST: an uploaded ES256 public key verifies a token its
     * private key signed, and an HS256 token keyed with that public key's JSON is refused. Naming the
     * public key's kid, it is {@code unsupported_algorithm} (claim {@code alg}): the key-choice rule
     * finds a public key, which never verifies HS256, so no MAC is computed with it. Without a kid,
     * HS256 selects the widget's secrets only, and the MAC fails: {@code invalid_signature}.
     */
    @Test
    void anUploadedEs256KeyVerifiesItsTokensAndIsNeverAnHmacSecret() throws JoseException {
        Widget widget = api.newWidget();
        PublicJsonWebKey pair = p256();
        String publicJwk = pair.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String kid = addKeyOk(widget, publicMembers(pair, Map.of("kid", "es-1")));
        String userId = VisitorTokens.newUserId();

        ApiClient.Session session = api.startOk(widget, null, es256(pair, kid, VisitorTokens.claims(userId)));

        assertThat(session.authenticated()).isTrue();
        assertThat(session.userId()).isEqualTo(userId);
        String confusedWithKid = VisitorTokens.sign(publicJwk, kid, VisitorTokens.claims(VisitorTokens.newUserId()));
        assertTokenRefused(api.start(widget, null, confusedWithKid), "unsupported_algorithm", confusedWithKid);
        assertThat(api.start(widget, null, confusedWithKid).text("claim")).isEqualTo("alg");
        String confusedNoKid = VisitorTokens.sign(publicJwk, VisitorTokens.claims(VisitorTokens.newUserId()));
        assertTokenRefused(api.start(widget, null, confusedNoKid), "invalid_signature", confusedNoKid);
        String otherKeysToken = es256(p256(), kid, VisitorTokens.claims(VisitorTokens.newUserId()));
        assertTokenRefused(api.start(widget, null, otherKeysToken), "invalid_signature", otherKeysToken);
    }
}
