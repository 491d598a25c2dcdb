package dev.visitorauth.application;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VisitorAuthenticationBuilderTest {

    @Test
    void aCoreWithoutStorageIsRefusedWithWhereToGetOne() {
        VisitorAuthentication.Builder builder = VisitorAuthentication.builder(new FakeTokenVerifier());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no storage")
                .hasMessageContaining("InMemoryStorage");
    }
}
