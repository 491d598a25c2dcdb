package dev.visitorauth.adapter.grpc;

import static dev.visitorauth.adapter.grpc.InProcessGrpc.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.grpc.v1.AddWidgetKeyRequest;
import dev.visitorauth.adapter.grpc.v1.DeleteWidgetKeyRequest;
import dev.visitorauth.adapter.grpc.v1.ListWidgetKeysRequest;
import dev.visitorauth.adapter.grpc.v1.ListWidgetKeysResponse;
import dev.visitorauth.adapter.grpc.v1.SetWidgetJwksUrlRequest;
import dev.visitorauth.adapter.grpc.v1.SetWidgetJwksUrlResponse;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.adapter.grpc.v1.WidgetKey;
import dev.visitorauth.application.TestWorld;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AddWidgetKey, DeleteWidgetKey, ListWidgetKeys and SetWidgetJwksUrl over the in-process transport (fake JWK parser). */
class WidgetKeysGrpcTest {
    private final InProcessGrpc grpc = new InProcessGrpc();
    private final TestWorld w = grpc.world;
    private final VisitorAuthServiceBlockingStub stub = grpc.stub();

    @AfterEach
    void close() {
        grpc.close();
    }

    private ListWidgetKeysResponse list() {
        return stub.listWidgetKeys(ListWidgetKeysRequest.newBuilder().setWidgetId(w.widgetId).build());
    }

    @Test
    void anAddedKeyIsListedWithItsTypeAndAlgorithm() {
        String keyId = stub.addWidgetKey(AddWidgetKeyRequest.newBuilder().setWidgetId(w.widgetId)
                .setJwk(w.jwks.ecKey(Optional.of("shop-1"))).build()).getKeyId();
        stub.addWidgetKey(AddWidgetKeyRequest.newBuilder().setWidgetId(w.widgetId)
                .setJwk(w.jwks.rsaKey("rsa-1", 2048, Optional.empty())).build());

        assertThat(keyId).isEqualTo("shop-1");
        ListWidgetKeysResponse keys = list();
        assertThat(keys.hasJwksUrl()).isFalse();
        assertThat(keys.getKeysList()).extracting(WidgetKey::getKeyId, WidgetKey::getKty, WidgetKey::getAlg)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shop-1", "EC", "ES256"),
                        org.assertj.core.groups.Tuple.tuple("rsa-1", "RSA", "RS256,PS256"));
        assertThat(keys.getKeys(0).getCreatedAt().getSeconds()).isEqualTo(w.clock.instant().getEpochSecond());
    }

    @Test
    void aJwkTheWidgetMayNotUseIsInvalidArgumentNamingJwk() {
        StatusRuntimeException e = assertRefused(() -> stub.addWidgetKey(AddWidgetKeyRequest.newBuilder()
                .setWidgetId(w.widgetId).setJwk(w.jwks.ecPrivateKey("k")).build()), Status.Code.INVALID_ARGUMENT,
                "invalid_request", "jwk");

        assertThat(e.getStatus().getDescription()).contains("private");
        assertRefused(() -> stub.addWidgetKey(AddWidgetKeyRequest.newBuilder().setWidgetId(w.widgetId).setJwk("").build()),
                Status.Code.INVALID_ARGUMENT, "invalid_request", "jwk");
        assertThat(list().getKeysCount()).isZero();
    }

    @Test
    void deletingRemovesTheKeyAndAnUnknownKeyIsNotFound() {
        stub.addWidgetKey(AddWidgetKeyRequest.newBuilder().setWidgetId(w.widgetId).setJwk(w.jwks.ecKey(Optional.of("gone")))
                .build());

        stub.deleteWidgetKey(DeleteWidgetKeyRequest.newBuilder().setWidgetId(w.widgetId).setKeyId("gone").build());

        assertThat(list().getKeysCount()).isZero();
        assertRefused(() -> stub.deleteWidgetKey(DeleteWidgetKeyRequest.newBuilder().setWidgetId(w.widgetId).setKeyId("gone")
                .build()), Status.Code.NOT_FOUND, "not_found");
    }

    @Test
    void theJwksUrlIsSetAndAnEmptyOneRemovesIt() {
        SetWidgetJwksUrlResponse set = stub.setWidgetJwksUrl(SetWidgetJwksUrlRequest.newBuilder().setWidgetId(w.widgetId)
                .setJwksUrl("https://idp.example.com/jwks.json").build());
        assertThat(set.getJwksUrl()).isEqualTo("https://idp.example.com/jwks.json");
        assertThat(list().getJwksUrl()).isEqualTo("https://idp.example.com/jwks.json");

        SetWidgetJwksUrlResponse removed = stub.setWidgetJwksUrl(SetWidgetJwksUrlRequest.newBuilder()
                .setWidgetId(w.widgetId).build());

        assertThat(removed.hasJwksUrl()).isFalse();
        assertThat(list().hasJwksUrl()).isFalse();
    }

    @Test
    void aBadJwksUrlIsInvalidArgumentNamingTheRequestField() {
        StatusRuntimeException e = assertRefused(() -> stub.setWidgetJwksUrl(SetWidgetJwksUrlRequest.newBuilder()
                .setWidgetId(w.widgetId).setJwksUrl("http://idp.example.com/jwks").build()), Status.Code.INVALID_ARGUMENT,
                "invalid_request", "jwks_url");

        assertThat(e.getStatus().getDescription()).startsWith("jwks_url ");
        assertThat(list().hasJwksUrl()).isFalse();
    }

    @Test
    void anotherWorkspacesWidgetIsNotFound() {
        var other = w.auth.createWorkspace().createWorkspace("Other").orElseThrow();
        VisitorAuthServiceBlockingStub theirs = grpc.stub(other.apiKey());

        assertRefused(() -> theirs.addWidgetKey(AddWidgetKeyRequest.newBuilder().setWidgetId(w.widgetId)
                .setJwk(w.jwks.ecKey(Optional.of("k"))).build()), Status.Code.NOT_FOUND, "widget_not_found");
        assertRefused(() -> theirs.listWidgetKeys(ListWidgetKeysRequest.newBuilder().setWidgetId(w.widgetId).build()),
                Status.Code.NOT_FOUND, "widget_not_found");
        assertRefused(() -> theirs.setWidgetJwksUrl(SetWidgetJwksUrlRequest.newBuilder().setWidgetId(w.widgetId)
                .setJwksUrl("https://evil.example.com/jwks").build()), Status.Code.NOT_FOUND, "widget_not_found");
        assertThat(list().getKeysCount()).isZero();
        assertThat(list().hasJwksUrl()).isFalse();
    }
}
