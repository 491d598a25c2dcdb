package dev.visitorauth.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void theKeyIsTheBase64AfterThePrefixAndIsNeverShown() {
        WebhookSecret secret = WebhookSecret.of(new byte[32]);
        assertThat(secret.value()).startsWith("whsec_").hasSize(6 + 44);
        assertThat(secret.key()).hasSize(32);
        assertThat(secret.toString()).doesNotContain(secret.value().substring(6));
    }

    @Test
    void refusesTextThatIsNotAStandardWebhooksSecret() {
        assertThatThrownBy(() -> new WebhookSecret("sk_abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSecret("whsec_!!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSecret("whsec_AAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
