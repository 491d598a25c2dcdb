package dev.visitorauth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.visitor.VisitorId;
import dev.visitorauth.domain.webhook.WebhookDeliveryId;
import dev.visitorauth.domain.webhook.WebhookEndpointId;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.WidgetId;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The id factories adapters parse raw ids with: a malformed id names nothing, so it gets the
 * refusal of an id that names nothing (the visitor id, sent back by the widget, is a bad request).
 */
class IdParsingTest {

    private static final String LONGEST = "a".repeat(Ids.MAX_LENGTH);

    private static Refusal refusal(Result<?> result) {
        assertThat(result).isInstanceOf(Result.Refused.class);
        return ((Result.Refused<?>) result).refusal();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/", "dot.", "é", "a\u0000"})
    void refusesAMalformedIdAsNamingNothing(String raw) {
        assertThat(refusal(WidgetId.parse(raw))).isEqualTo(Refusal.of(ErrorCode.WIDGET_NOT_FOUND,
                "No widget with this id. Check the widgetId in your page's settings."));
        assertThat(refusal(ConversationId.parse(raw))).isEqualTo(Refusal.of(ErrorCode.NOT_FOUND, "No such conversation."));
        assertThat(refusal(MessageId.parse(raw)))
                .isEqualTo(Refusal.of(ErrorCode.NOT_FOUND, "No such message in this conversation."));
        assertThat(refusal(WebhookEndpointId.parse(raw)))
                .isEqualTo(Refusal.of(ErrorCode.NOT_FOUND, "No webhook endpoint with this id in this workspace."));
        assertThat(refusal(WebhookDeliveryId.parse(raw)))
                .isEqualTo(Refusal.of(ErrorCode.NOT_FOUND, "No delivery with this id for this webhook endpoint."));
        assertThat(refusal(VisitorId.parse(raw))).isEqualTo(Refusal.invalid(InputField.VISITOR_ID,
                "must be an id this service issued (letters, digits, '_' or '-')."));
    }

    @Test
    void refusesAnIdOneCharacterTooLongAndNull() {
        for (Function<String, Result<?>> parse : parsers()) {
            assertThat(parse.apply(LONGEST).isOk()).isTrue();
            assertThat(parse.apply(LONGEST + "a").isOk()).isFalse();
            assertThat(parse.apply(null).isOk()).isFalse();
        }
    }

    @Test
    void keepsAWellFormedIdAsItIs() {
        assertThat(WidgetId.parse("wgt_AZaz09-_").orElseThrow()).isEqualTo(new WidgetId("wgt_AZaz09-_"));
        assertThat(ConversationId.parse("c_1").orElseThrow()).isEqualTo(new ConversationId("c_1"));
        assertThat(MessageId.parse("m_1").orElseThrow()).isEqualTo(new MessageId("m_1"));
        assertThat(WebhookEndpointId.parse("wh_1").orElseThrow()).isEqualTo(new WebhookEndpointId("wh_1"));
        assertThat(WebhookDeliveryId.parse("whd_1").orElseThrow()).isEqualTo(new WebhookDeliveryId("whd_1"));
        assertThat(VisitorId.parse("v_1").orElseThrow()).isEqualTo(new VisitorId("v_1"));
    }

    @Test
    void readsAPageAnchorAsAMessageIdAndAMalformedOneAsNamingNoMessageOfTheField() {
        assertThat(MessageId.parseAnchor("m_1", InputField.MESSAGES_BEFORE).orElseThrow()).isEqualTo(new MessageId("m_1"));
        Refusal refusal = refusal(MessageId.parseAnchor("not an id!", InputField.MESSAGES_AFTER));

        assertThat(refusal).isEqualTo(MessageId.unknownAnchor(InputField.MESSAGES_AFTER));
        assertThat(refusal.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal.field()).contains(InputField.MESSAGES_AFTER);
        assertThat(refusal.message()).isEqualTo(
                "No message with this id in this conversation. Use the id of a message this conversation returned.");
    }

    @Test
    void readsAnExternalUserIdAsAnyTextOfOneTo255CodePoints() {
        assertThat(ExternalUserId.parse("user 1/é").orElseThrow()).isEqualTo(new ExternalUserId("user 1/é"));
        assertThat(ExternalUserId.parse("😀".repeat(255)).isOk()).isTrue();
        for (String bad : new String[] {"", "😀".repeat(256), null}) {
            assertThat(refusal(ExternalUserId.parse(bad))).isEqualTo(Refusal.of(ErrorCode.NOT_FOUND, "No such user."));
        }
    }

    @Test
    void readsAKeyIdAsPrintableAsciiAndAnyOtherAsNamingNoKey() {
        assertThat(KeyId.parse("kid-1.2:x").orElseThrow()).isEqualTo(new KeyId("kid-1.2:x"));
        for (String bad : new String[] {"", "has space", "a/b", "a%2F", "k".repeat(KeyId.MAX_LENGTH + 1), null}) {
            Refusal refusal = refusal(KeyId.parse(bad));

            assertThat(refusal.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(refusal.message()).startsWith("This widget has no uploaded public key with this key id.");
        }
    }

    private static java.util.List<Function<String, Result<?>>> parsers() {
        return java.util.List.of(WidgetId::parse, ConversationId::parse, MessageId::parse, WebhookEndpointId::parse,
                WebhookDeliveryId::parse, VisitorId::parse);
    }
}
