package dev.visitorauth.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.webhook.WebhookSecret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardWebhooksSignatureTest {

    /** The example of Standard Webhooks' reference libraries (the npm package signs it the same). */
    @Test
    void signsTheStandardWebhooksReferenceExample() {
        String signature = StandardWebhooksSignature.sign(new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
