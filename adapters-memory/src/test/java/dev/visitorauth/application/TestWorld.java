package dev.visitorauth.application;

import dev.visitorauth.adapter.memory.InMemoryStorage;
import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import dev.visitorauth.testing.MutableClock;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A facade over the in-memory store with one workspace and one widget, for use-case tests. */
public final class TestWorld {
    public final MutableClock clock = MutableClock.stoppedAt(Mothers.NOW);
    public final FakeTokenVerifier tokens = new FakeTokenVerifier();
    public final FakeJwkParser jwks = new FakeJwkParser();
    public final Storage storage;
    public final VisitorAuthentication auth;
    public final WorkspaceId workspace;
    public final String apiKey;
    public final String widgetId;
    /** The widget's id, typed, for the use cases; {@link #widgetId} is its text. */
    public final WidgetId widget;

    /** A world over a fresh in-memory store on this world's clock. */
    public TestWorld() {
        this(InMemoryStorage::create);
    }

    /** A world over the store {@code storage} makes with this world's clock. */
    public TestWorld(Function<Clock, Storage> storage) {
        this(null, storage);
    }

    /** Another world over {@code storage} (e.g. another's: a second workspace in the same store). */
    public TestWorld(Storage storage) {
        this(storage, null);
    }

    private TestWorld(Storage given, Function<Clock, Storage> factory) {
        this.storage = factory != null ? factory.apply(clock) : given;
        this.auth = InMemoryStorage.builder(tokens).storage(storage).clock(clock).jwkParser(jwks).build();
        var created = auth.createWorkspace().createWorkspace("Acme").orElseThrow();
        workspace = created.workspace().id();
        apiKey = created.apiKey();
        widget = newWidget("Support").widget().id();
        widgetId = widget.value();
    }

    public WidgetDetails newWidget(String name) {
        return auth.createWidget().createWidget(workspace, WidgetSettings.named(name)).orElseThrow();
    }

    public void setMode(String mode) {
        auth.updateWidget().updateWidget(workspace, widget, new WidgetSettings(Optional.empty(), Optional.of(mode),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).orElseThrow();
    }

    public Result<StartedSession> start(Optional<String> visitorId, Optional<String> token) {
        return auth.startSession().startSession(new StartSessionCommand(widget, visitorId.map(VisitorId::new), token, Optional.empty(), "10.0.0.1"));
    }

    public StartedSession anonymous() {
        return start(Optional.empty(), Optional.empty()).orElseThrow();
    }

    public StartedSession login(String externalId, Optional<String> visitorId) {
        return start(visitorId, Optional.of(tokens.tokenFor(externalId, clock.instant()))).orElseThrow();
    }

    public String visitorOf(StartedSession s) {
        return s.session().visitor().id().value();
    }

    public Result<SessionView> session(StartedSession s) {
        return auth.authenticateSession().authenticateSession(s.sessionToken());
    }

    public String say(StartedSession s, String text) {
        return auth.startConversation().startConversation(
                new dev.visitorauth.application.port.in.StartConversationUseCase.StartConversationCommand(s.sessionToken(), text))
                .orElseThrow().conversation().id().value();
    }

    public List<String> conversationIds(StartedSession s) {
        return auth.listConversations().listConversations(
                dev.visitorauth.application.port.in.ListConversationsUseCase.ListConversationsQuery.firstPage(s.sessionToken()))
                .orElseThrow().conversations().stream()
                .map(c -> c.id().value()).toList();
    }
}
