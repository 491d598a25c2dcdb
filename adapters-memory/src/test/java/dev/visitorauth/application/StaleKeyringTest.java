package dev.visitorauth.application;

import dev.visitorauth.adapter.memory.InMemoryStorage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.KeyChoice;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.TokenAlgorithm;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;
import dev.visitorauth.testing.MutableClock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose cached keyring predates a change made on another node (spec section 13: rotation
 * holds whichever node answers). The widget port here serves a copy frozen before the rotation, as a
 * cache does until its eviction arrives; the store behind it has the rotation.
 */
class StaleKeyringTest {
    private final MutableClock clock = MutableClock.stoppedAt(Mothers.NOW);
    private Storage store;
    private FrozenKeyrings node;
    private VisitorAuthentication auth;
    private WorkspaceId workspace;
    private WidgetId widgetId;
    private KeyId oldKey;
    private KeyId newKey;

    @BeforeEach
    void rotateBehindTheNodesBack() {
        store = InMemoryStorage.create(clock);
        node = new FrozenKeyrings(store.loadWidgets());
        auth = InMemoryStorage.builder(new KeyIdVerifier()).storage(withWidgets(store, node)).clock(clock).build();
        var created = auth.createWorkspace().createWorkspace("Acme").orElseThrow();
        workspace = created.workspace().id();
        widgetId = auth.createWidget().createWidget(workspace, dev.visitorauth.application.port.in.WidgetSettings.named("Support"))
                .orElseThrow().widget().id();
        WidgetKeyring before = store.loadWidgets().findKeyring(workspace, widgetId).orElseThrow();
        oldKey = before.secrets().stream().filter(s -> s.retiredAt().isEmpty()).findFirst().orElseThrow().keyId();
        node.freeze(before);
        WidgetSecret rotated = auth.rotateSecret().rotateSecret(workspace, widgetId, 0).orElseThrow();
        newKey = rotated.keyId();
    }

    @Test
    void aStartUpSignedWithTheRotatedOutSecretIsRefusedThoughThisNodesCopyStillHoldsIt() {
        Result<?> started = start(KeyIdVerifier.token(oldKey, "u1"));

        assertThat(started.isOk()).as("accepted with the copy from before the rotation").isFalse();
        assertThat(((Result.Refused<?>) started).refusal().code()).isEqualTo(ErrorCode.SECRET_ROTATED);
    }

    @Test
    void aStartUpSignedWithTheNewSecretIsAcceptedThoughThisNodesCopyDoesNotHoldItYet() {
        Result<?> started = start(KeyIdVerifier.token(newKey, "u1"));

        assertThat(started.isOk()).as("refused with the copy from before the rotation: " + started).isTrue();
        assertThat(node.storedReads).as("the stored keyring was read once to confirm the refusal").isEqualTo(1);
    }

    @Test
    void theTokenCheckForInternalCallersUsesTheStoredKeyringToo() {
        var refused = auth.verifyToken().verifyToken(workspace, widgetId, KeyIdVerifier.token(oldKey, "u1"));
        var accepted = auth.verifyToken().verifyToken(workspace, widgetId, KeyIdVerifier.token(newKey, "u1"));

        assertThat(refused.isOk()).isFalse();
        assertThat(((Result.Refused<?>) refused).refusal().code()).isEqualTo(ErrorCode.SECRET_ROTATED);
        assertThat(accepted.isOk()).isTrue();
    }

    @Test
    void anUpToDateCopyIsNotReadAgain() {
        node.freeze(store.loadWidgets().findKeyring(workspace, widgetId).orElseThrow());

        assertThat(start(KeyIdVerifier.token(newKey, "u1")).isOk()).isTrue();
        assertThat(start(KeyIdVerifier.token(oldKey, "u2")).isOk()).isFalse();
        assertThat(node.storedReads).isZero();
    }

    private Result<?> start(String token) {
        return auth.startSession().startSession(new StartSessionCommand(widgetId, Optional.empty(), Optional.of(token),
                Optional.empty(), "10.0.0.1"));
    }

    /** A token names the key id that "signed" it; it verifies when the keyring's key choice allows that key. */
    private static final class KeyIdVerifier implements VerifyVisitorTokenPort {
        static String token(KeyId kid, String externalId) {
            return kid.value() + ":" + externalId;
        }

        @Override
        public TokenCheck verify(TokenVerificationRequest request) {
            String[] parts = request.token().split(":", 2);
            Result<KeyChoice> choice = request.keyring().select(parts[0], TokenAlgorithm.HS256, request.now());
            if (choice instanceof Result.Refused<KeyChoice> refused) {
                return TokenCheck.Refused.of(refused.refusal());
            }
            return new TokenCheck.Verified(new VisitorIdentity(new ExternalUserId(parts[1]), ProfileUpdate.none(),
                    request.now().plusSeconds(30), Optional.empty(), Optional.empty()), new KeyId(parts[0]));
        }

        @Override
        public TokenInspection inspect(TokenVerificationRequest request) {
            throw new UnsupportedOperationException("not used here");
        }
    }

    /** This node's widget port: keyrings from a frozen copy, as a cache serves them before its eviction. */
    private static final class FrozenKeyrings implements LoadWidgetPort {
        private final LoadWidgetPort stored;
        private final AtomicReference<WidgetKeyring> frozen = new AtomicReference<>();
        int storedReads;

        FrozenKeyrings(LoadWidgetPort stored) {
            this.stored = stored;
        }

        void freeze(WidgetKeyring keyring) {
            frozen.set(keyring);
        }

        @Override
        public Optional<Widget> findWidget(WidgetId id) {
            return stored.findWidget(id);
        }

        @Override
        public Optional<WidgetKeyring> findKeyring(WorkspaceId workspaceId, WidgetId id) {
            WidgetKeyring copy = frozen.get();
            return copy != null && copy.widgetId().equals(id) ? Optional.of(copy) : stored.findKeyring(workspaceId, id);
        }

        @Override
        public Optional<WidgetKeyring> findStoredKeyring(WorkspaceId workspaceId, WidgetId id) {
            storedReads++;
            Optional<WidgetKeyring> read = stored.findKeyring(workspaceId, id);
            read.ifPresent(frozen::set);
            return read;
        }

        @Override
        public OptionalLong keyringRevision(WorkspaceId workspaceId, WidgetId id) {
            return stored.keyringRevision(workspaceId, id);
        }

        @Override
        public Optional<WidgetKeyring> lockKeyring(WorkspaceId workspaceId, WidgetId id) {
            return stored.lockKeyring(workspaceId, id);
        }

        @Override
        public Slice<Widget> pageWidgets(WorkspaceId workspaceId, int limit, Optional<Keyset> after) {
            return stored.pageWidgets(workspaceId, limit, after);
        }
    }

    private static Storage withWidgets(Storage s, LoadWidgetPort widgets) {
        return new Storage(s.loadWorkspaces(), s.saveWorkspaces(), widgets, s.saveWidgets(), s.loadUsers(), s.saveUsers(),
                s.searchUsers(), s.loadVisitors(), s.saveVisitors(), s.loadConversations(), s.saveConversations(),
                s.loadSessions(), s.saveSessions(), s.recordFailures(), s.loadFailures(), s.tokenIds(), s.rateLimit(),
                s.transactions(), s.requestLimits(), s.purge(), s.pageVisitors(), s.pageConversations(), s.pageMessages(),
                s.eraseUsers(), s.appendEvents(), s.readEvents(), s.eventSignals(), s.coverage());
    }
}
