package dev.visitorauth.server.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;

/** {@link JwksContract} on H2. */
@Disabled("needs jwksUrl on widget PATCH (REST) and its storage (V5), which come with the keys branch: remove once merged")
class H2JwksTest extends JwksContract {
    private static TestServers.Node node;

    @BeforeAll
    static void startServer() {
        Path dir = TestServers.tempDirectory("visitorauth-it-jwks-h2-");
        node = startNode(TestServers.properties(TestServers.h2Url(dir), "sa", dir));
    }

    @AfterAll
    static void stopServer() {
        node.close();
    }

    @Override
    TestServers.Node node() {
        return node;
    }
}
