package dev.visitorauth.example;

import dev.visitorauth.adapter.memory.InMemoryStorage;
import dev.visitorauth.adapter.token.StrictJwsCodec;
import dev.visitorauth.application.VisitorAuthentication;
import dev.visitorauth.application.port.in.StartSessionUseCase.StartSessionCommand;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

/**
 * The core embedded in a plain Java host: no web framework, in-memory storage, the jose4j token
 * verifier. Run it with {@code mvn -q -pl examples/embedded -am package} and then
 * {@code java -cp ... dev.visitorauth.example.EmbeddedExample}, or read {@code EmbeddedExampleTest}.
 */
public final class EmbeddedExample {
    private EmbeddedExample() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run());
    }

    /** Creates a workspace and widget, signs a token as the company's server would, and starts a session with it. */
    public static StartedSession run() throws Exception {
        // 1. Assemble the core: a token verifier over the in-memory store.
        VisitorAuthentication auth = InMemoryStorage.builder(new StrictJwsCodec()).build();

        // 2. A workspace and a widget (what the admin API does in the server).
        WorkspaceId workspace = auth.createWorkspace().createWorkspace("Acme").orElseThrow().workspace().id();
        WidgetDetails widget = auth.createWidget().createWidget(workspace, WidgetSettings.named("Support")).orElseThrow();
        String secret = widget.currentSecret().value().reveal();

        // 3. The company's server signs a 30-second visitor token with the widget secret (as a string).
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(0.5f);
        claims.setStringClaim("id", "user-42");
        claims.setStringClaim("name", "Ada Lovelace");
        claims.setStringClaim("email", "ada@example.com");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        String token = jws.getCompactSerialization();

        // 4. The widget starts a session with it: the visitor is linked to user-42.
        return auth.startSession().startSession(new StartSessionCommand(widget.widget().id(), Optional.empty(),
                Optional.of(token), Optional.empty(), "127.0.0.1")).orElseThrow();
    }
}
