package dev.visitorauth.server.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JwksContract} on H2. */
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
