package dev.visitorauth.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.application.port.in.StartedSession;
import org.junit.jupiter.api.Test;

class EmbeddedExampleTest {

    @Test
    void embeddedCoreLinksTheVisitorToTheSignedUser() throws Exception {
        StartedSession session = EmbeddedExample.run();
        assertThat(session.session().authenticated()).isTrue();
        assertThat(session.session().user().orElseThrow().externalId().value()).isEqualTo("user-42");
        assertThat(session.session().user().orElseThrow().profile().email()).contains("ada@example.com");
    }

    @Test
    void noFrameworkIsOnTheClasspath() {
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath).doesNotContain("spring").doesNotContain("grpc").doesNotContain("jakarta");
    }
}
