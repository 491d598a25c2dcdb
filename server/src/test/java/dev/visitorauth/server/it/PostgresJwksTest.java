package dev.visitorauth.server.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JwksContract} on PostgreSQL. */
class PostgresJwksTest extends JwksContract {
    private static TestServers.Node node;

    @BeforeAll
    static void startServer() {
        Path dir = TestServers.tempDirectory("visitorauth-it-jwks-pg-");
        node = startNode(TestServers.properties(SharedPostgres.newDatabase(), "postgres", dir));
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
