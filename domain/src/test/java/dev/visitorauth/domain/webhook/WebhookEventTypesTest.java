package dev.visitorauth.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.event.EventType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookEventTypesTest {

    @Test
    void acceptsEverySection11TypeOnce() {
        List<String> names = WebhookEventTypes.all().stream().map(EventType::wireName).toList();
        assertThat(names).containsExactly("message.created", "conversation.created", "user.created", "user.updated",
                "visitor.linked", "visitor.upgraded", "user.sessions_revoked", "user.erased", "widget.secret_rotated",
                "widget.auth_failures_spiked");
        assertThat(WebhookEventTypes.parse(List.of("user.created", "user.created")).orElseThrow())
                .isEqualTo(Set.of(EventType.USER_CREATED));
    }

    @Test
    void refusesAnEmptyList() {
        assertRefusedNamingEvents(WebhookEventTypes.parse(List.of()));
    }

    @Test
    void refusesAnUnknownTypeAndASessionOnlyType() {
        assertRefusedNamingEvents(WebhookEventTypes.parse(List.of("user.created", "user.deleted")));
        assertRefusedNamingEvents(WebhookEventTypes.parse(List.of("session.ended")));
    }

    private static void assertRefusedNamingEvents(Result<?> result) {
        assertThat(result).isInstanceOf(Result.Refused.class);
        var refusal = ((Result.Refused<?>) result).refusal();
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal.field()).contains(InputField.EVENTS);
    }
}
