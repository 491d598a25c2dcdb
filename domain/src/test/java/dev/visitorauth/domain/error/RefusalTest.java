package dev.visitorauth.domain.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void aMessageAboutAFieldReadsAfterTheNameTheCallerGivesIt() {
        Refusal led = Refusal.invalid(InputField.PAGE_SIZE, "must be 1 to 100.");
        Refusal alone = Refusal.of(ErrorCode.INVALID_REQUEST, InputField.JWK, "The JWK is of type oct.");

        assertThat(led.message(field -> "page_size")).isEqualTo("page_size must be 1 to 100.");
        assertThat(alone.message(field -> "jwk")).isEqualTo("The JWK is of type oct.");
        assertThat(led.field()).contains(InputField.PAGE_SIZE);
        assertThat(led.claim()).isEmpty();
    }
}
