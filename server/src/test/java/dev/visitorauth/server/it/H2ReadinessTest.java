package dev.visitorauth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.server.GrpcServerLifecycle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Spec section 9: a node is ready only while gRPC serves, and the API port tells no more than the status. */
class H2ReadinessTest {

    @Test
    void aNodeWhoseGrpcServerStoppedIsNotReady() {
        Path dataDir = TestServers.tempDirectory("visitorauth-it-ready-");
        try (TestServers.Node node = TestServers.Node.start(TestServers.properties(TestServers.h2Url(dataDir), "sa", dataDir))) {
            assertThat(node.api().get("/actuator/health/readiness", null).status()).isEqualTo(200);

            node.bean(GrpcServerLifecycle.class).stop();

            ApiClient.Response readiness = node.api().get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().propertyNames()).containsExactly("status");
            assertThat(node.management().get("/actuator/health/readiness", null).text("components", "grpc", "status"))
                    .isEqualTo("OUT_OF_SERVICE");
            assertThat(node.api().get("/actuator/health/liveness", null).status()).as("still live").isEqualTo(200);
        }
    }
}
