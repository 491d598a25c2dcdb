package dev.visitorauth.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.workspace.Workspace;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

public abstract class WorkspaceAndWidgetContractTest extends StoreContract {

    protected Workspace storedWorkspace() {
        Workspace w = TestData.workspace(clock.instant());
        store.saveWorkspaces().createWorkspace(w, TestData.randomHash());
        return w;
    }

    protected Widget storedWidget(WorkspaceId ws, WidgetKeyring[] keyringOut) {
        Widget widget = TestData.widget(ws, clock.instant());
        WidgetKeyring keyring = WidgetKeyring.create(widget.id(), TestData.keyId(), TestData.secret(), clock.instant());
        store.saveWidgets().createWidget(widget, keyring);
        keyringOut[0] = keyring;
        return widget;
    }

    @Test
    void workspaceRoundTripsWithItsApiKeyHash() {
        Workspace w = TestData.workspace(clock.instant());
        String hash = TestData.randomHash();

        store.saveWorkspaces().createWorkspace(w, hash);

        assertThat(store.loadWorkspaces().findWorkspace(w.id())).contains(w);
        assertThat(store.loadWorkspaces().findApiKeyHash(w.id())).contains(hash);
        assertThat(store.loadWorkspaces().findWorkspace(TestData.workspaceId())).isEmpty();
        assertThat(store.loadWorkspaces().findApiKeyHash(TestData.workspaceId())).isEmpty();
    }

    @Test
    void widgetRoundTripsAndIsFoundByItsPublicIdAlone() {
        Workspace ws = storedWorkspace();
        Widget widget = new Widget(ws.id(), TestData.widgetId(), "Shop chat",
                new AuthenticationPolicy(AuthMode.REQUIRED, Duration.ofSeconds(120), Duration.ofSeconds(5), true),
                new AllowedOrigins(List.of("https://shop.example.com", "http://localhost:8080")), clock.instant());

        store.saveWidgets().createWidget(widget, WidgetKeyring.create(widget.id(), TestData.keyId(), TestData.secret(), clock.instant()));

        assertThat(store.loadWidgets().findWidget(widget.id())).contains(widget);
        assertThat(store.loadWidgets().findWidget(TestData.widgetId())).isEmpty();
    }

    @Test
    void widgetWithDefaultPolicyAndAnyOriginRoundTrips() {
        Workspace ws = storedWorkspace();
        Widget widget = storedWidget(ws.id(), new WidgetKeyring[1]);

        Widget found = store.loadWidgets().findWidget(widget.id()).orElseThrow();

        assertThat(found).isEqualTo(widget);
        assertThat(found.policy()).isEqualTo(AuthenticationPolicy.defaults());
        assertThat(found.allowedOrigins().origins()).isEmpty();
    }

    @Test
    void updateWidgetReplacesNamePolicyAndOrigins() {
        Workspace ws = storedWorkspace();
        Widget widget = storedWidget(ws.id(), new WidgetKeyring[1]);
        Widget changed = widget.withName("Renamed")
                .withPolicy(widget.policy().withMode(AuthMode.OBSERVE))
                .withAllowedOrigins(new AllowedOrigins(List.of("https://a.example")));

        store.saveWidgets().updateWidget(changed);

        assertThat(store.loadWidgets().findWidget(widget.id())).contains(changed);
    }

    @Test
    void keyringRoundTripsWithItsSecretsDecrypted() {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] first = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), first);
        clock.advance(Duration.ofMinutes(5));
        WidgetKeyring rotated = first[0].rotate(TestData.keyId(), TestData.secret(), Duration.ofHours(1), clock.instant());

        assertThat(store.loadWidgets().findKeyring(ws.id(), widget.id())).hasValueSatisfying(k ->
                assertThat(k.secrets()).isEqualTo(first[0].secrets()));

        store.saveWidgets().saveKeyring(widget, rotated);

        WidgetKeyring found = store.loadWidgets().findKeyring(ws.id(), widget.id()).orElseThrow();
        assertThat(found.secrets()).isEqualTo(rotated.secrets());
        assertThat(found.secrets()).hasSize(2);
        assertThat(found.secrets().get(1).retiredAt()).isPresent();
        assertThat(found.secrets().get(1).graceUntil()).contains(clock.instant().plus(Duration.ofHours(1)));
        assertThat(found.current().value()).isEqualTo(rotated.current().value());
    }

    @Test
    void concurrentRotationsUnderLockKeepEveryNewSecret() throws Exception {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] keyring = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), keyring);
        List<String> newKeys = Concurrently.run(8, i -> store.transactions().inTransaction(() -> {
            WidgetKeyring locked = store.loadWidgets().lockKeyring(ws.id(), widget.id()).orElseThrow();
            var id = TestData.keyId();
            store.saveWidgets().saveKeyring(widget, locked.rotate(id, TestData.secret(), Duration.ofMinutes(1), clock.instant()));
            return dev.visitorauth.domain.error.Result.ok(id.value());
        }).orElseThrow());

        WidgetKeyring found = store.loadWidgets().findKeyring(ws.id(), widget.id()).orElseThrow();
        assertThat(found.secrets()).extracting(s -> s.keyId().value()).containsAll(newKeys);
        assertThat(newKeys).contains(found.current().keyId().value());
    }

    @Test
    void manyRotationsKeepExactlyTheKeyringsSecrets() {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] keyring = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), keyring);
        WidgetKeyring k = keyring[0];
        for (int i = 0; i < WidgetKeyring.REMEMBERED_ROTATED_OUT + 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            k = k.rotate(TestData.keyId(), TestData.secret(), i % 2 == 0 ? Duration.ZERO : Duration.ofMinutes(1), clock.instant());
            store.saveWidgets().saveKeyring(widget, k);
        }

        assertThat(store.loadWidgets().findKeyring(ws.id(), widget.id()).orElseThrow().secrets()).isEqualTo(k.secrets());
    }

    @Test
    void aKeyringIsInvisibleFromAnotherWorkspace() {
        Workspace ws = storedWorkspace();
        Workspace other = storedWorkspace();
        Widget widget = storedWidget(ws.id(), new WidgetKeyring[1]);

        assertThat(store.loadWidgets().findKeyring(other.id(), widget.id())).isEmpty();
        assertThat(store.loadWidgets().findKeyring(ws.id(), widget.id())).isPresent();
    }

    @Test
    void updatingAWidgetThatIsNotStoredFails() {
        Workspace ws = storedWorkspace();
        Widget never = TestData.widget(ws.id(), clock.instant());

        assertThatThrownBy(() -> store.saveWidgets().updateWidget(never)).isInstanceOf(IllegalStateException.class);
    }

    // ---- public keys and the JWKS URL (spec section 12) ----

    protected WidgetPublicKey ecKey(String keyId) {
        return new WidgetPublicKey(new KeyId(keyId), WidgetPublicKey.KeyType.EC, Set.of(TokenAlgorithm.ES256), 256,
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + keyId + "\",\"y\":\"y\"}", clock.instant(),
                WidgetPublicKey.Origin.UPLOADED);
    }

    private WidgetPublicKey rsaKey(String keyId) {
        return new WidgetPublicKey(new KeyId(keyId), WidgetPublicKey.KeyType.RSA,
                Set.of(TokenAlgorithm.RS256, TokenAlgorithm.PS256), 3072, "{\"kty\":\"RSA\",\"n\":\"" + "n".repeat(512)
                + "\",\"e\":\"AQAB\"}", clock.instant(), WidgetPublicKey.Origin.UPLOADED);
    }

    protected static WidgetKeyring with(WidgetKeyring keyring, WidgetPublicKey key) {
        return keyring.withPublicKey(key).orElseThrow();
    }

    @Test
    void aNewWidgetsKeyringKeepsItsPublicKeysAndJwksUrl() {
        Workspace ws = storedWorkspace();
        Widget widget = TestData.widget(ws.id(), clock.instant());
        WidgetKeyring keyring = WidgetKeyring.create(widget.id(), TestData.keyId(), TestData.secret(), clock.instant())
                .withJwksUrl(Optional.of(new JwksUrl("https://idp.example.com/.well-known/jwks.json")));
        keyring = with(with(keyring, ecKey("ec-1")), rsaKey("rsa-1"));

        store.saveWidgets().createWidget(widget, keyring);

        WidgetKeyring found = store.loadWidgets().findKeyring(ws.id(), widget.id()).orElseThrow();
        assertThat(found.publicKeys()).containsExactlyElementsOf(keyring.publicKeys());
        assertThat(found.jwksUrl()).contains(new JwksUrl("https://idp.example.com/.well-known/jwks.json"));
        assertThat(found.secrets()).isEqualTo(keyring.secrets());
    }

    @Test
    void savingAKeyringAddsAndRemovesPublicKeysOldestFirstAndReplacesTheJwksUrl() {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] first = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), first);
        WidgetKeyring two = with(with(first[0], ecKey("a")), rsaKey("b"))
                .withJwksUrl(Optional.of(new JwksUrl("http://127.0.0.1:8080/jwks")));
        store.saveWidgets().saveKeyring(widget, two);
        clock.advance(Duration.ofSeconds(1));
        WidgetKeyring changed = with(two.withoutPublicKey(new KeyId("a")).orElseThrow(), ecKey("c"))
                .withJwksUrl(Optional.empty());

        store.saveWidgets().saveKeyring(widget, changed);

        WidgetKeyring found = store.loadWidgets().findKeyring(ws.id(), widget.id()).orElseThrow();
        assertThat(found.publicKeys()).extracting(k -> k.keyId().value()).containsExactly("b", "c");
        assertThat(found.publicKeys()).containsExactlyElementsOf(changed.publicKeys());
        assertThat(found.jwksUrl()).isEmpty();
    }

    @Test
    void aLongKidWithPunctuationRoundTrips() {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] first = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), first);
        String kid = ("k:+=.~!$&'()*,;@[]^`{|}<>\"" + "x".repeat(128)).substring(0, 128);

        store.saveWidgets().saveKeyring(widget, with(first[0], ecKey(kid)));

        assertThat(store.loadWidgets().lockKeyring(ws.id(), widget.id()).orElseThrow().publicKey(kid)).isPresent();
    }

    @Test
    void aKeyringChangeInATransactionThatIsRefusedLeavesNoKeyBehind() {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] first = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), first);

        Result<Object> r = store.transactions().inTransaction(() -> {
            WidgetKeyring locked = store.loadWidgets().lockKeyring(ws.id(), widget.id()).orElseThrow();
            store.saveWidgets().saveKeyring(widget, with(locked, ecKey("never")).withJwksUrl(
                    Optional.of(new JwksUrl("https://never.example.com/jwks"))));
            return Result.refused(ErrorCode.INVALID_REQUEST, "refused after the write");
        });

        assertThat(r.isOk()).isFalse();
        WidgetKeyring found = store.loadWidgets().findKeyring(ws.id(), widget.id()).orElseThrow();
        assertThat(found.publicKeys()).isEmpty();
        assertThat(found.jwksUrl()).isEmpty();
    }

    @Test
    void concurrentKeyUploadsUnderLockKeepEveryKey() throws Exception {
        Workspace ws = storedWorkspace();
        Widget widget = storedWidget(ws.id(), new WidgetKeyring[1]);

        List<String> added = Concurrently.run(8, i -> store.transactions().inTransaction(() -> {
            WidgetKeyring locked = store.loadWidgets().lockKeyring(ws.id(), widget.id()).orElseThrow();
            store.saveWidgets().saveKeyring(widget, with(locked, ecKey("key-" + i)));
            return Result.ok("key-" + i);
        }).orElseThrow());

        assertThat(store.loadWidgets().findKeyring(ws.id(), widget.id()).orElseThrow().publicKeys())
                .extracting(k -> k.keyId().value()).containsExactlyInAnyOrderElementsOf(added).hasSize(8);
    }

}
