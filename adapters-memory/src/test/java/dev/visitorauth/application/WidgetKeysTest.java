package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.memory.InMemoryStorage;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase.AddWidgetKeyCommand;
import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase.DeleteWidgetKeyCommand;
import dev.visitorauth.application.port.in.SettingChange;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import dev.visitorauth.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Optional;

/** Uploading and deleting public keys, and the JWKS URL setting (spec sections 12 and 14). */
class WidgetKeysTest {
    private final TestWorld w = new TestWorld();

    private Result<WidgetPublicKey> add(String jwk) {
        return add(w.workspace, w.widget, jwk);
    }

    private Result<WidgetPublicKey> add(WorkspaceId workspace, WidgetId widgetId, String jwk) {
        return w.auth.addWidgetKey().addWidgetKey(new AddWidgetKeyCommand(workspace, widgetId, jwk));
    }

    private Result<KeyId> delete(String keyId) {
        return w.auth.deleteWidgetKey().deleteWidgetKey(new DeleteWidgetKeyCommand(w.workspace, w.widget, new KeyId(keyId)));
    }

    private WidgetDetails widget() {
        return w.auth.getWidget().getWidget(w.workspace, w.widget).orElseThrow();
    }

    private Result<WidgetDetails> patchJwksUrl(SettingChange<String> change) {
        return w.auth.updateWidget().updateWidget(w.workspace, w.widget, WidgetSettings.jwksUrlOnly(change));
    }

    private static void assertRefused(Result<?> r, ErrorCode code, InputField field) {
        assertThat(r).isInstanceOf(Result.Refused.class);
        var refusal = ((Result.Refused<?>) r).refusal();
        assertThat(refusal.code()).isEqualTo(code);
        if (field == null) {
            assertThat(refusal.field()).isEmpty();
        } else {
            assertThat(refusal.field()).contains(field);
        }
    }

    @Test
    void anUploadedKeyIsKeptUnderItsKidAndShownWithTheWidget() {
        WidgetPublicKey key = add(w.jwks.ecKey(Optional.of("shop-2026"))).orElseThrow();

        assertThat(key.keyId().value()).isEqualTo("shop-2026");
        assertThat(key.algorithms()).containsExactly(TokenAlgorithm.ES256);
        assertThat(key.createdAt()).isEqualTo(w.clock.instant());
        assertThat(widget().publicKeys()).containsExactly(key);
        WidgetKeyring keyring = w.storage.loadWidgets().findKeyring(w.workspace,
                new dev.visitorauth.domain.widget.WidgetId(w.widgetId)).orElseThrow();
        assertThat(keyring.publicKey("shop-2026")).contains(key);
    }

    @Test
    void aKeyTheRulesRefuseIsInvalidRequestNamingJwkAndChangesNothing() {
        assertRefused(add(w.jwks.ecPrivateKey("k1")), ErrorCode.INVALID_REQUEST, InputField.JWK);
        assertRefused(add(w.jwks.rsaKey("k2", 1024, Optional.empty())), ErrorCode.INVALID_REQUEST, InputField.JWK);

        assertThat(widget().publicKeys()).isEmpty();
    }

    @Test
    void aTextThatIsNotAJwkIsInvalidRequestNamingJwk() {
        assertRefused(add("not json"), ErrorCode.INVALID_REQUEST, InputField.JWK);
        assertThat(widget().publicKeys()).isEmpty();
    }

    @Test
    void aJwkOverTheLengthLimitIsRefusedBeforeItIsParsed() {
        String huge = "{\"kty\":\"RSA\",\"n\":\"" + "A".repeat(AddWidgetKeyUseCase.MAX_JWK_LENGTH) + "\"}";

        Result<WidgetPublicKey> r = add(huge);

        assertRefused(r, ErrorCode.INVALID_REQUEST, InputField.JWK);
        assertThat(((Result.Refused<?>) r).refusal().message()).contains(String.valueOf(AddWidgetKeyUseCase.MAX_JWK_LENGTH));
    }

    @Test
    void deletingAKeyRemovesItAndASecondDeleteIsNotFound() {
        add(w.jwks.ecKey(Optional.of("old"))).orElseThrow();
        WidgetPublicKey kept = add(w.jwks.rsaKey("new", 2048, Optional.of("PS256"))).orElseThrow();

        assertThat(delete("old").orElseThrow()).isEqualTo(new KeyId("old"));

        assertThat(widget().publicKeys()).containsExactly(kept);
        assertRefused(delete("old"), ErrorCode.NOT_FOUND, null);
    }

    @Test
    void aSecretCannotBeDeletedAsAKey() {
        String secretKeyId = widget().currentSecret().keyId().value();

        assertRefused(delete(secretKeyId), ErrorCode.NOT_FOUND, null);
        assertThat(widget().currentSecret().keyId().value()).isEqualTo(secretKeyId);
    }

    @Test
    void anotherWorkspacesWidgetIsNotFoundForAddAndDelete() {
        add(w.jwks.ecKey(Optional.of("mine"))).orElseThrow();
        WorkspaceId other = w.auth.createWorkspace().createWorkspace("Other").orElseThrow().workspace().id();

        assertRefused(add(other, w.widget, w.jwks.ecKey(Optional.of("theirs"))), ErrorCode.WIDGET_NOT_FOUND, null);
        assertRefused(w.auth.deleteWidgetKey().deleteWidgetKey(new DeleteWidgetKeyCommand(other, w.widget, new KeyId("mine"))),
                ErrorCode.WIDGET_NOT_FOUND, null);
        assertThat(widget().publicKeys()).extracting(k -> k.keyId().value()).containsExactly("mine");
    }

    @Test
    void aWidgetIsCreatedWithAJwksUrlAndAPatchWithNullRemovesIt() {
        WidgetSettings settings = new WidgetSettings(Optional.of("Keys"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), SettingChange.set("https://idp.example.com/jwks.json"));
        WidgetDetails created = w.auth.createWidget().createWidget(w.workspace, settings).orElseThrow();
        WidgetId id = created.widget().id();

        assertThat(created.jwksUrl()).contains(new JwksUrl("https://idp.example.com/jwks.json"));
        assertThat(w.auth.getWidget().getWidget(w.workspace, id).orElseThrow().jwksUrl())
                .contains(new JwksUrl("https://idp.example.com/jwks.json"));

        WidgetDetails renamed = w.auth.updateWidget().updateWidget(w.workspace, id, WidgetSettings.named("Renamed")).orElseThrow();
        assertThat(renamed.jwksUrl()).as("absent: kept").contains(new JwksUrl("https://idp.example.com/jwks.json"));

        WidgetDetails cleared = w.auth.updateWidget().updateWidget(w.workspace, id,
                WidgetSettings.jwksUrlOnly(SettingChange.clear())).orElseThrow();
        assertThat(cleared.jwksUrl()).isEmpty();
        assertThat(w.auth.getWidget().getWidget(w.workspace, id).orElseThrow().jwksUrl()).isEmpty();
    }

    @Test
    void aBadJwksUrlIsRefusedNamingItAndNothingOfThePatchIsApplied() {
        WidgetDetails before = widget();
        WidgetSettings settings = new WidgetSettings(Optional.of("Renamed"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), SettingChange.set("ftp://idp.example.com/jwks"));

        assertRefused(w.auth.updateWidget().updateWidget(w.workspace, w.widget, settings), ErrorCode.INVALID_REQUEST, InputField.JWKS_URL);

        assertThat(widget()).isEqualTo(before);
    }

    @Test
    void aCoreWithoutAJwkParserRefusesUploads() {
        VisitorAuthentication bare = InMemoryStorage.builder(w.tokens).storage(w.storage).clock(w.clock).build();

        assertRefused(bare.addWidgetKey().addWidgetKey(new AddWidgetKeyCommand(w.workspace, w.widget,
                w.jwks.ecKey(Optional.of("k")))), ErrorCode.INVALID_REQUEST, InputField.JWK);
        assertThat(widget().publicKeys()).isEmpty();
    }

    @Test
    void keysAndJwksUrlLiveSideBySideWithTheSecrets() {
        add(w.jwks.ecKey(Optional.of("k1"))).orElseThrow();
        patchJwksUrl(SettingChange.set("https://idp.example.com/jwks")).orElseThrow();
        w.auth.rotateSecret().rotateSecret(w.workspace, w.widget, 60).orElseThrow();

        WidgetDetails details = widget();
        assertThat(details.publicKeys()).extracting(k -> k.keyId().value()).containsExactly("k1");
        assertThat(details.jwksUrl()).isPresent();
        assertThat(w.storage.loadWidgets().findKeyring(w.workspace, new dev.visitorauth.domain.widget.WidgetId(w.widgetId))
                .orElseThrow().secrets()).hasSize(2);
        assertThat(List.of(details.currentSecret().keyId().value())).doesNotContain("k1");
    }

    @Test
    void plainHttpJwksUrlsNeedThePrivateOutboundSwitch() {
        assertRefused(patchJwksUrl(SettingChange.set("http://127.0.0.1:8000/jwks")), ErrorCode.INVALID_REQUEST, InputField.JWKS_URL);

        VisitorAuthentication open = InMemoryStorage.builder(w.tokens).storage(w.storage).clock(w.clock)
                .allowPrivateOutbound(true).build();
        WidgetDetails changed = open.updateWidget().updateWidget(w.workspace, w.widget,
                WidgetSettings.jwksUrlOnly(SettingChange.set("http://127.0.0.1:8000/jwks"))).orElseThrow();

        assertThat(changed.jwksUrl()).contains(new JwksUrl("http://127.0.0.1:8000/jwks"));
    }
}
