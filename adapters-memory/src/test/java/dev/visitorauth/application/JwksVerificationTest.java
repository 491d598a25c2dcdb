package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.adapter.memory.InMemoryStorage;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.VerifiedToken;
import dev.visitorauth.application.port.out.FetchJwksPort;
import dev.visitorauth.application.port.out.TokenCheck;
import dev.visitorauth.application.port.out.TokenInspection;
import dev.visitorauth.application.port.out.TokenVerificationRequest;
import dev.visitorauth.application.port.out.VerifyVisitorTokenPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.AuthFailure;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;
import dev.visitorauth.testing.MutableClock;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Start-up and the token tools with a widget that names a JWKS URL, over in-memory storage, a
 * fake JWKS port and a stand-in verifier that accepts a token (its text is a kid) when the keyring
 * it is given holds that public key. The caching rules themselves are tested in the domain and
 * over real HTTP in the token adapter.
 */
class JwksVerificationTest {
    private static final JwksUrl URL = new JwksUrl("https://keys.example/jwks.json");

    private final MutableClock clock = MutableClock.stoppedAt(Mothers.NOW);
    private final Storage storage = InMemoryStorage.create(clock);
    private final FakeJwks jwks = new FakeJwks();
    private final VisitorAuthentication auth = InMemoryStorage.builder(new KidVerifier()).storage(storage).clock(clock)
            .jwks(jwks).build();
    private final WorkspaceId workspace = auth.createWorkspace().createWorkspace("Acme").orElseThrow().workspace().id();
    private final WidgetId widgetId;

    JwksVerificationTest() {
        widgetId = auth.createWidget().createWidget(workspace,
                dev.visitorauth.application.port.in.WidgetSettings.named("Support")).orElseThrow().widget().id();
        Widget widget = storage.loadWidgets().findWidget(widgetId).orElseThrow();
        WidgetKeyring keyring = storage.loadWidgets().findKeyring(workspace, widget.id()).orElseThrow();
        storage.saveWidgets().saveKeyring(widget, keyring.withJwksUrl(Optional.of(URL)));
    }

    private static JwkFacts ec(Optional<String> kid, Set<String> privateMembers) {
        return new JwkFacts("EC", Optional.of("P-256"), Optional.empty(), kid, Optional.empty(), 256, privateMembers,
                "{\"kty\":\"EC\"}");
    }

    private Result<StartedSession> start(String token) {
        return auth.startSession().startSession(new StartSessionCommand(widgetId, Optional.empty(), Optional.of(token),
                Optional.empty(), "10.0.0.1"));
    }

    private List<AuthFailure> failureLog() {
        return auth.listAuthFailures().listAuthFailures(workspace, widgetId, 100).orElseThrow().failures();
    }

    @Test
    void aTokenSignedWithAKeyOfTheWidgetsJwksStartsAnAuthenticatedSession() {
        jwks.answer(new FetchJwksPort.JwksFetch.Fetched(List.of(ec(Optional.of("k1"), Set.of())), Optional.empty()));

        StartedSession started = start("k1").orElseThrow();

        assertThat(started.session().authenticated()).isTrue();
        assertThat(jwks.fetches.get()).isEqualTo(1);
    }

    @Test
    void jwksKeysWithoutAKidOrRefusedByTheKeyRulesAreNotUsed() {
        jwks.answer(new FetchJwksPort.JwksFetch.Fetched(List.of(ec(Optional.empty(), Set.of()),
                ec(Optional.of("leaked"), Set.of("d")), ec(Optional.of("fine"), Set.of())), Optional.empty()));

        assertThat(auth.verifyToken().verifyToken(workspace, widgetId, "fine")).isInstanceOf(Result.Ok.class);
        Result<VerifiedToken> leaked = auth.verifyToken().verifyToken(workspace, widgetId, "leaked");
        assertThat(((Result.Refused<VerifiedToken>) leaked).refusal().code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
    }

    @Test
    void theInspectorRefreshesTheSetOnAnUnknownKidToo() {
        jwks.answer(new FetchJwksPort.JwksFetch.Fetched(List.of(ec(Optional.of("k1"), Set.of())), Optional.empty()));
        assertThat(auth.inspectToken().inspectToken(workspace, widgetId, "k1").orElseThrow().valid()).isTrue();
        jwks.answer(new FetchJwksPort.JwksFetch.Fetched(List.of(ec(Optional.of("k1"), Set.of()), ec(Optional.of("k2"), Set.of())),
                Optional.empty()));
        clock.advance(Duration.ofSeconds(30));

        assertThat(auth.inspectToken().inspectToken(workspace, widgetId, "k2").orElseThrow().valid()).isTrue();
        assertThat(jwks.fetches.get()).isEqualTo(2);
    }

    @Test
    void aFailedFetchIsInTheWidgetsFailureLogAsJwksUnavailableWithoutCountingAgainstTheClient() {
        jwks.answer(new FetchJwksPort.JwksFetch.Failed("keys.example answered HTTP 503"));

        Result<StartedSession> refused = start("k1");

        assertThat(((Result.Refused<StartedSession>) refused).refusal().code()).isEqualTo(ErrorCode.UNKNOWN_KEY);
        assertThat(failureLog()).extracting(AuthFailure::code)
                .containsExactlyInAnyOrder(ErrorCode.JWKS_UNAVAILABLE, ErrorCode.UNKNOWN_KEY);
        assertThat(auth.listAuthFailures().listAuthFailures(workspace, widgetId, 100).orElseThrow().countsByCode())
                .containsEntry(ErrorCode.JWKS_UNAVAILABLE, 1L);
    }

    /** Answers what the test last set, counting fetches. */
    private static final class FakeJwks implements FetchJwksPort {
        final AtomicInteger fetches = new AtomicInteger();
        private volatile JwksFetch answer = new JwksFetch.Failed("not set");

        void answer(JwksFetch next) {
            answer = next;
        }

        @Override
        public JwksFetch fetchJwks(JwksUrl url) {
            fetches.incrementAndGet();
            return answer;
        }
    }

    /** Accepts a token (its text is a kid) when the keyring it is given holds that public key. */
    private static final class KidVerifier implements VerifyVisitorTokenPort {
        @Override
        public TokenCheck verify(TokenVerificationRequest request) {
            String kid = request.token();
            if (request.keyring().publicKey(kid).isPresent()) {
                return new TokenCheck.Verified(new VisitorIdentity(new ExternalUserId("u-" + kid), ProfileUpdate.none(),
                        request.now().plusSeconds(60), Optional.empty(), Optional.empty()), new KeyId(kid));
            }
            return new TokenCheck.Refused(Refusal.of(ErrorCode.UNKNOWN_KEY, "kid", "no such key"), Optional.of(kid),
                    Optional.empty());
        }

        @Override
        public TokenInspection inspect(TokenVerificationRequest request) {
            TokenCheck check = verify(request);
            Optional<Refusal> refusal = check instanceof TokenCheck.Refused r ? Optional.of(r.refusal()) : Optional.empty();
            List<TokenInspection.Step> steps = new ArrayList<>();
            steps.add(new TokenInspection.Step("key", refusal.isEmpty(), "stand-in"));
            return new TokenInspection(refusal, Optional.empty(), Optional.empty(), Optional.empty(), steps);
        }
    }
}
